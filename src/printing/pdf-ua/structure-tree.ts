import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFObject, PDFRef, PDFString } from "pdf-lib";
import type { Box } from "./mark-artifacts.ts";

/** The structure types of ISO 32000-1 (14.8.4): PDF/UA-1 needs every other type mapped to one of them. */
export const STANDARD_TYPES = new Set(
  (
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private H H1 H2 H3 H4 H5 H6 P L LI Lbl LBody " +
    "Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form"
  ).split(" "),
);

/**
 * What Chromium's tagger writes besides the standard types (Strong, Em; PDF 2.0 types may follow), and the nearest
 * standard type: inline emphasis is a Span. Any other type is mapped to NonStruct, which groups without meaning.
 */
const NEAREST_STANDARD: Readonly<Record<string, string>> = {
  Strong: "Span",
  Em: "Span",
  Sub: "Span",
  Sup: "Span",
  Mark: "Span",
  FENote: "Note",
  Aside: "Sect",
  DocumentFragment: "Div",
};

const name = (value: string) => PDFName.of(value);
const K = name("K");
const P = name("P");
const S = name("S");
const PG = name("Pg");
const TYPE = name("Type");
const LBL = name("Lbl");
const LBODY = name("LBody");

/** A structure element with where it hangs: a dictionary, and its reference when it is an indirect object. */
interface Element {
  dict: PDFDict;
  ref: PDFRef | undefined;
  type: string;
}

/** A link's text as the page shows it, by address (from the printed page; see print-pdfs.ts). */
export interface LinkText {
  href: string;
  text: string;
}

export interface StructureRepair {
  /** Non-standard types that were given a RoleMap entry. */
  roleMapped: string[];
  /** LI elements whose content was put into LBody. */
  listItems: number;
  /** Figures given a bounding box. */
  figureBoxes: number;
  /** Link annotations given a description. */
  linkDescriptions: number;
  problems: string[];
}

/**
 * Mend what PDF/UA-1 and the WCAG checks find in Chromium's structure tree, keeping every tag that is there:
 * map non-standard types in a RoleMap (7.1-5), put list items' content into LBody beside their Lbl (7.2-20),
 * give Figures a bounding box, and give every link annotation a description from its text (7.18.1-2, 7.18.5-2).
 * `boxes` are the painted areas of the tagged content, by page reference and MCID (see mark-artifacts.ts).
 */
export function repairStructureTree(
  document: PDFDocument,
  boxes: ReadonlyMap<string, ReadonlyMap<number, Box>>,
  links: readonly LinkText[],
): StructureRepair {
  const context = document.context;
  const root = document.catalog.lookupMaybe(name("StructTreeRoot"), PDFDict);
  const repair: StructureRepair = { roleMapped: [], listItems: 0, figureBoxes: 0, linkDescriptions: 0, problems: [] };
  if (!root) {
    repair.problems.push("the PDF has no structure tree");
    return repair;
  }
  const parentTree = new ParentTree(document, root);
  const roleMap = root.lookupMaybe(name("RoleMap"), PDFDict) ?? context.obj({});
  const linkTexts = new LinkTexts(links);
  const described = new Set<PDFDict>();
  const unmapped = new Set<string>();

  const visit = (element: Element, page: PDFRef | undefined): void => {
    const elementPage = element.dict.get(PG) instanceof PDFRef ? (element.dict.get(PG) as PDFRef) : page;
    if (!STANDARD_TYPES.has(element.type) && !roleMap.has(name(element.type))) unmapped.add(element.type);
    if (element.type === "LI" && wrapListItemBody(document, element, parentTree)) repair.listItems++;
    if (element.type === "Figure" && setFigureBox(document, element, elementPage, boxes)) repair.figureBoxes++;
    if (element.type === "Link") {
      for (const annotation of annotationsIn(document, element.dict)) {
        if (describeLink(annotation, linkTexts)) repair.linkDescriptions++;
        described.add(annotation);
      }
    }
    for (const child of childElements(document, element.dict)) visit(child, elementPage);
  };
  for (const child of childElements(document, root)) visit(child, undefined);

  for (const type of [...unmapped].sort()) {
    roleMap.set(name(type), name(NEAREST_STANDARD[type] ?? "NonStruct"));
    repair.roleMapped.push(type);
  }
  if (roleMap.keys().length > 0) root.set(name("RoleMap"), roleMap);

  // Links the tree does not reach still get a description; annotations need a tab order that follows the tags.
  for (const page of document.getPages()) {
    const annotations = page.node.Annots();
    if (!annotations || annotations.size() === 0) continue;
    page.node.set(name("Tabs"), name("S"));
    for (const annotation of annotations.asArray().map((ref) => context.lookup(ref))) {
      if (!(annotation instanceof PDFDict) || annotation.get(name("Subtype")) !== name("Link") || described.has(annotation)) continue;
      if (describeLink(annotation, linkTexts)) repair.linkDescriptions++;
    }
  }
  return repair;
}

/** The structure elements among a node's kids, in order (marked-content references and object references left out). */
function childElements(document: PDFDocument, node: PDFDict): Element[] {
  return kidsOf(node).flatMap((kid) => {
    const dict = kid instanceof PDFRef ? document.context.lookup(kid) : kid;
    if (!(dict instanceof PDFDict)) return [];
    const type = dict.get(S);
    if (!(type instanceof PDFName)) return [];
    return [{ dict, ref: kid instanceof PDFRef ? kid : undefined, type: type.decodeText() }];
  });
}

function kidsOf(node: PDFDict): PDFObject[] {
  const kids = node.get(K);
  if (kids === undefined) return [];
  if (kids instanceof PDFArray) return kids.asArray();
  return [kids];
}

/** A list item's kid that may stay where it is: its Lbl, or an LBody. */
const isLabelOrBody = (document: PDFDocument, kid: PDFObject): boolean => {
  const dict = kid instanceof PDFRef ? document.context.lookup(kid) : kid;
  const type = dict instanceof PDFDict ? dict.get(S) : undefined;
  return type === LBL || type === LBODY;
};

/**
 * Chromium puts a list item's text, emphasis, links and paragraphs straight into its LI. Each run of kids
 * that are not its Lbl moves into a new LBody, which takes the LI's place as their parent (in the parent
 * tree too, for content and annotations that hang on the LI itself). True when something moved.
 */
function wrapListItemBody(document: PDFDocument, item: Element, parentTree: ParentTree): boolean {
  const kids = kidsOf(item.dict);
  if (kids.every((kid) => isLabelOrBody(document, kid))) return false;
  if (!item.ref) return false; // an LI written inline cannot be a parent by reference; Chromium writes none
  const context = document.context;
  const newKids: PDFObject[] = [];
  let body: { dict: PDFDict; ref: PDFRef; kids: PDFObject[] } | undefined;
  for (const kid of kids) {
    if (isLabelOrBody(document, kid)) {
      body = undefined;
      newKids.push(kid);
      continue;
    }
    if (!body) {
      const dict = context.obj({ Type: "StructElem", S: "LBody", P: item.ref });
      const page = item.dict.get(PG);
      if (page) dict.set(PG, page);
      body = { dict, ref: context.register(dict), kids: [] };
      newKids.push(body.ref);
    }
    body.kids.push(kid);
    moveKid(document, kid, item, body.ref, parentTree);
    body.dict.set(K, context.obj(body.kids));
  }
  item.dict.set(K, context.obj(newKids));
  return true;
}

/** Make `parent` the parent of a kid: of an element by its /P, of content and annotations in the parent tree. */
function moveKid(document: PDFDocument, kid: PDFObject, from: Element, parent: PDFRef, parentTree: ParentTree): void {
  const dict = kid instanceof PDFRef ? document.context.lookup(kid) : kid;
  if (kid instanceof PDFNumber) {
    parentTree.moveContent(from.dict.get(PG), kid.asNumber(), parent);
    return;
  }
  if (!(dict instanceof PDFDict)) return;
  const type = dict.get(TYPE);
  if (type === name("MCR")) {
    const mcid = dict.get(name("MCID"));
    if (mcid instanceof PDFNumber) parentTree.moveContent(dict.get(PG) ?? from.dict.get(PG), mcid.asNumber(), parent);
  } else if (type === name("OBJR")) {
    const object = dict.lookup(name("Obj"));
    const key = object instanceof PDFDict ? object.get(name("StructParent")) : undefined;
    if (key instanceof PDFNumber) parentTree.set(key.asNumber(), parent);
  } else if (dict.has(S)) {
    dict.set(P, parent);
  }
}

/** Give a Figure the box its drawing covers on its page (a Layout attribute), as WCAG's checks ask. */
function setFigureBox(
  document: PDFDocument,
  figure: Element,
  page: PDFRef | undefined,
  boxes: ReadonlyMap<string, ReadonlyMap<number, Box>>,
): boolean {
  let box: Box | undefined;
  const add = (pageRef: PDFObject | undefined, mcid: number) => {
    const painted = pageRef instanceof PDFRef ? boxes.get(pageRef.toString())?.get(mcid) : undefined;
    if (!painted) return;
    box = box
      ? {
          x0: Math.min(box.x0, painted.x0),
          y0: Math.min(box.y0, painted.y0),
          x1: Math.max(box.x1, painted.x1),
          y1: Math.max(box.y1, painted.y1),
        }
      : { ...painted };
  };
  const collect = (node: PDFDict, nodePage: PDFObject | undefined) => {
    for (const kid of kidsOf(node)) {
      if (kid instanceof PDFNumber) add(nodePage, kid.asNumber());
      const dict = kid instanceof PDFRef ? document.context.lookup(kid) : kid;
      if (!(dict instanceof PDFDict)) continue;
      if (dict.get(TYPE) === name("MCR")) {
        const mcid = dict.get(name("MCID"));
        if (mcid instanceof PDFNumber) add(dict.get(PG) ?? nodePage, mcid.asNumber());
      } else if (dict.has(S)) collect(dict, dict.get(PG) ?? nodePage);
    }
  };
  collect(figure.dict, page);
  if (!box) return false;
  const round = (value: number) => Math.round(value * 100) / 100;
  const bbox = document.context.obj([round(box.x0), round(box.y0), round(box.x1), round(box.y1)]);
  const attributes = figure.dict.lookup(name("A"));
  const layout = [attributes instanceof PDFArray ? attributes.asArray() : attributes ? [attributes] : []]
    .flat()
    .map((attribute) => (attribute instanceof PDFRef ? document.context.lookup(attribute) : attribute))
    .find((attribute): attribute is PDFDict => attribute instanceof PDFDict && attribute.get(name("O")) === name("Layout"));
  if (layout) {
    layout.set(name("BBox"), bbox);
    return true;
  }
  const added = document.context.obj({ O: "Layout", BBox: bbox });
  if (attributes instanceof PDFArray) attributes.push(added);
  else figure.dict.set(name("A"), document.context.obj(attributes ? [attributes, added] : [added]));
  return true;
}

/** The link annotations a Link element holds (object references among its kids, at any depth below it but not in another Link). */
function annotationsIn(document: PDFDocument, link: PDFDict): PDFDict[] {
  const found: PDFDict[] = [];
  const collect = (node: PDFDict) => {
    for (const kid of kidsOf(node)) {
      const dict = kid instanceof PDFRef ? document.context.lookup(kid) : kid;
      if (!(dict instanceof PDFDict)) continue;
      if (dict.get(TYPE) === name("OBJR")) {
        const annotation = dict.lookup(name("Obj"));
        if (annotation instanceof PDFDict && annotation.get(name("Subtype")) === name("Link")) found.push(annotation);
      } else if (dict.has(S) && dict.get(S) !== name("Link")) collect(dict);
    }
  };
  collect(link);
  return found;
}

/**
 * The texts of the page's links, handed out in the order the links come, per address: the second link to the
 * same address gets the second text. A link wrapped over two lines is one link with two annotations.
 */
class LinkTexts {
  readonly #byHref = new Map<string, string[]>();
  readonly #last = new Map<string, string>();

  constructor(links: readonly LinkText[]) {
    for (const { href, text } of links) {
      const key = hrefKey(href);
      this.#byHref.set(key, [...(this.#byHref.get(key) ?? []), text]);
    }
  }

  /** The next text for this address; the last one again for the further annotations of a link. */
  take(href: string): string | undefined {
    const key = hrefKey(href);
    const next = this.#byHref.get(key)?.shift();
    if (next !== undefined) this.#last.set(key, next);
    return next ?? this.#last.get(key);
  }
}

const hrefKey = (href: string) => href.trim().replace(/\/+$/, "").toLowerCase();

/** Set a link annotation's /Contents from its text, or from its address when the page gave no text. */
function describeLink(annotation: PDFDict, texts: LinkTexts): boolean {
  if (annotation.has(name("Contents"))) return false;
  const action = annotation.lookupMaybe(name("A"), PDFDict);
  const uri = action?.lookupMaybe(name("URI"), PDFString, PDFHexString)?.decodeText();
  const text = (uri === undefined ? undefined : texts.take(uri)) ?? (uri === undefined ? undefined : describeAddress(uri));
  if (!text) return false;
  annotation.set(name("Contents"), textString(text));
  return true;
}

/**
 * A PDF text string: literal in PDFDocEncoding when every character has a code there (English and Spanish do),
 * a quarter of the size of the UTF-16 hex string used for anything else.
 */
export function textString(text: string): PDFString | PDFHexString {
  if (!/^[\x20-\x7e\xa1-\xac\xae-\xff]*$/.test(text)) return PDFHexString.fromText(text);
  const escaped = text.replace(/[\\()]/g, (char) => `\\${char}`).replace(/[\xa1-\xff]/g, (char) => `\\${char.charCodeAt(0).toString(8)}`);
  return PDFString.of(escaped);
}

/** Words for an address when its link text is not known: the number, the mailbox, the site and path. */
export function describeAddress(uri: string): string {
  return uri
    .replace(/^(?:tel|mailto):/i, "")
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, "")
    .replace(/\/$/, "");
}

/**
 * The structure tree's parent tree (a number tree): for each page's marked content, the element each MCID
 * belongs to; for each annotation, its element. Only what moving kids needs: change one entry.
 */
class ParentTree {
  readonly #document: PDFDocument;
  readonly #root: PDFDict | undefined;

  constructor(document: PDFDocument, structTreeRoot: PDFDict) {
    this.#document = document;
    this.#root = structTreeRoot.lookupMaybe(name("ParentTree"), PDFDict);
  }

  /** The MCID `mcid` of the page `page` now belongs to `parent`. */
  moveContent(page: PDFObject | undefined, mcid: number, parent: PDFRef): void {
    const pageDict = page instanceof PDFRef ? this.#document.context.lookup(page) : undefined;
    const key = pageDict instanceof PDFDict ? pageDict.get(name("StructParents")) : undefined;
    if (!(key instanceof PDFNumber)) return;
    const entry = this.#get(key.asNumber());
    const array = entry instanceof PDFRef ? this.#document.context.lookup(entry) : entry;
    if (array instanceof PDFArray && mcid < array.size()) array.set(mcid, parent);
  }

  set(key: number, value: PDFRef): void {
    const leaf = this.#leafOf(key);
    const nums = leaf?.lookupMaybe(name("Nums"), PDFArray);
    if (!nums) return;
    for (let index = 0; index + 1 < nums.size(); index += 2) {
      if ((nums.get(index) as PDFNumber).asNumber() === key) {
        nums.set(index + 1, value);
        return;
      }
    }
  }

  #get(key: number): PDFObject | undefined {
    const nums = this.#leafOf(key)?.lookupMaybe(name("Nums"), PDFArray);
    if (!nums) return undefined;
    for (let index = 0; index + 1 < nums.size(); index += 2) {
      if ((nums.get(index) as PDFNumber).asNumber() === key) return nums.get(index + 1);
    }
    return undefined;
  }

  /** The node of the number tree whose /Nums holds `key`. */
  #leafOf(key: number): PDFDict | undefined {
    let node = this.#root;
    while (node && !node.has(name("Nums"))) {
      const kids = node.lookupMaybe(name("Kids"), PDFArray);
      node = kids
        ?.asArray()
        .map((kid) => this.#document.context.lookup(kid))
        .find((kid): kid is PDFDict => {
          const limits = kid instanceof PDFDict ? kid.lookupMaybe(name("Limits"), PDFArray) : undefined;
          if (!limits) return kid instanceof PDFDict;
          return (limits.get(0) as PDFNumber).asNumber() <= key && key <= (limits.get(1) as PDFNumber).asNumber();
        });
    }
    return node;
  }
}
