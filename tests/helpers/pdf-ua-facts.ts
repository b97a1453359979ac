import { readFile } from "node:fs/promises";
import { inflateSync } from "node:zlib";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFObject, PDFRawStream, PDFRef, PDFString, PDFHexString } from "pdf-lib";
import { parseOperations, type Operation } from "../../src/printing/pdf-ua/content-stream.ts";
import { parseToUnicode } from "../../src/printing/pdf-ua/to-unicode.ts";
import { STANDARD_TYPES } from "../../src/printing/pdf-ua/structure-tree.ts";

/** What PDF/UA-1 asks of a file's structures, read with pdf-lib, as veraPDF checks them. */
export interface PdfUaFacts {
  /** The XMP packet in the catalog, as text; undefined when there is none. */
  xmp: string | undefined;
  /** Structure types in the tree that are neither standard nor mapped in the RoleMap. */
  unmappedTypes: string[];
  /** The RoleMap, type → standard type. */
  roleMap: Record<string, string>;
  /** The /Contents of every link annotation, page by page ("" for one without). */
  linkDescriptions: string[];
  /** Kids of LI elements that are neither Lbl nor LBody. */
  listItemKids: string[];
  /** Figures without a Layout BBox attribute. */
  figuresWithoutBox: number;
  figures: number;
  /**
   * Painting operators neither tagged nor an artifact, per page: outside any marked-content sequence with an
   * MCID or an Artifact tag (Skia's ReversedChars and ActualText spans tag nothing).
   */
  untaggedPainting: number[];
  /** ToUnicode entries, in all fonts, that map a code to U+0000, U+FEFF or U+FFFE (PDF/UA-1 7.21.7-2). */
  forbiddenUnicode: number;
}

const PAINTING = new Set(["S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Tj", "TJ", "'", '"', "Do", "sh", "BI"]);
const name = (value: string) => PDFName.of(value);

export async function pdfUaFacts(file: string): Promise<PdfUaFacts> {
  const document = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const lookup = (object: PDFObject | undefined) => (object instanceof PDFRef ? document.context.lookup(object) : object);
  const metadata = lookup(document.catalog.get(name("Metadata")));
  const xmp = metadata instanceof PDFRawStream ? new TextDecoder().decode(metadata.contents) : undefined;

  const root = document.catalog.lookup(name("StructTreeRoot"), PDFDict);
  const roleMapDict = root.lookupMaybe(name("RoleMap"), PDFDict);
  const roleMap = Object.fromEntries(
    (roleMapDict?.entries() ?? []).map(([key, value]) => [key.decodeText(), (value as PDFName).decodeText()]),
  );
  const unmapped = new Set<string>();
  const listItemKids: string[] = [];
  let figures = 0;
  let figuresWithoutBox = 0;
  const kidsOf = (node: PDFDict) => {
    const kids = node.get(name("K"));
    return kids instanceof PDFArray ? kids.asArray() : kids ? [kids] : [];
  };
  const visit = (node: PDFDict) => {
    for (const kid of kidsOf(node).map(lookup)) {
      if (!(kid instanceof PDFDict) || !(kid.get(name("S")) instanceof PDFName)) continue;
      const type = (kid.get(name("S")) as PDFName).decodeText();
      if (!STANDARD_TYPES.has(type) && !(type in roleMap)) unmapped.add(type);
      if (node.get(name("S")) === name("LI") && type !== "Lbl" && type !== "LBody") listItemKids.push(type);
      if (type === "Figure") {
        figures++;
        const attributes = lookup(kid.get(name("A")));
        const all = attributes instanceof PDFArray ? attributes.asArray().map(lookup) : [attributes];
        if (
          !all.some(
            (attribute) => attribute instanceof PDFDict && attribute.get(name("O")) === name("Layout") && attribute.has(name("BBox")),
          )
        )
          figuresWithoutBox++;
      }
      visit(kid);
    }
  };
  visit(root);

  const linkDescriptions: string[] = [];
  const untaggedPainting: number[] = [];
  for (const page of document.getPages()) {
    for (const annotation of (page.node.Annots()?.asArray() ?? []).map(lookup)) {
      if (!(annotation instanceof PDFDict) || annotation.get(name("Subtype")) !== name("Link")) continue;
      linkDescriptions.push(annotation.lookupMaybe(name("Contents"), PDFString, PDFHexString)?.decodeText() ?? "");
    }
    const contents = lookup(page.node.get(name("Contents")));
    const streams = contents instanceof PDFArray ? contents.asArray().map(lookup) : [contents];
    // For each open marked-content sequence, whether it or one around it tags or marks an artifact.
    const claimed: boolean[] = [];
    let untagged = 0;
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      for (const operation of parseOperations(new Uint8Array(inflateSync(stream.contents)))) {
        if (operation.operator === "BDC" || operation.operator === "BMC") claimed.push(claimed.at(-1) === true || claims(operation));
        else if (operation.operator === "EMC") claimed.pop();
        else if (claimed.at(-1) !== true && PAINTING.has(operation.operator)) untagged++;
      }
    }
    untaggedPainting.push(untagged);
  }
  const forbiddenUnicode = countForbiddenUnicode(document);
  return {
    xmp,
    unmappedTypes: [...unmapped],
    roleMap,
    linkDescriptions,
    listItemKids,
    figuresWithoutBox,
    figures,
    untaggedPainting,
    forbiddenUnicode,
  };
}

/** A BMC or BDC with an MCID, or an Artifact one. */
function claims(operation: Operation): boolean {
  const [tag, properties] = operation.operands;
  if (typeof tag === "object" && tag !== null && tag.kind === "name" && tag.name === "Artifact") return true;
  return typeof properties === "object" && properties !== null && properties.kind === "dict" && properties.entries.has("MCID");
}

function countForbiddenUnicode(document: PDFDocument): number {
  let found = 0;
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    const toUnicode = object instanceof PDFDict ? object.lookup(name("ToUnicode")) : undefined;
    if (!(toUnicode instanceof PDFRawStream)) continue;
    const { map } = parseToUnicode(new TextDecoder("latin1").decode(inflateSync(toUnicode.contents)));
    for (const units of map.values()) if (units.some((unit) => unit === 0 || unit === 0xfeff || unit === 0xfffe)) found++;
  }
  return found;
}

/** The /Lang of every structure element that has one, in reading order: the parts in another language. */
export async function pdfTagLanguages(file: string): Promise<string[]> {
  const document = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const lookup = (object: PDFObject | undefined) => (object instanceof PDFRef ? document.context.lookup(object) : object);
  const found: string[] = [];
  const visit = (node: PDFDict) => {
    const kids = node.get(name("K"));
    for (const kid of (kids instanceof PDFArray ? kids.asArray() : kids ? [kids] : []).map(lookup)) {
      if (!(kid instanceof PDFDict)) continue;
      const lang = kid.get(name("Lang"));
      if (lang instanceof PDFString || lang instanceof PDFHexString) found.push(lang.decodeText());
      visit(kid);
    }
  };
  visit(document.catalog.lookup(name("StructTreeRoot"), PDFDict));
  return found;
}
