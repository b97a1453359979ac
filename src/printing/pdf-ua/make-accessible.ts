import { PDFBool, PDFDict, PDFDocument, PDFName, PDFPage, PDFRef, PDFStream } from "pdf-lib";
import { pageContent } from "./decode.ts";
import { markArtifacts, type Box } from "./mark-artifacts.ts";
import { mendToUnicode } from "./to-unicode.ts";
import { repairStructureTree, type LinkText } from "./structure-tree.ts";
import { xmpPacket, type XmpFacts } from "./xmp.ts";

export type { LinkText } from "./structure-tree.ts";

/**
 * Changes whenever this post-processing changes what it writes, so that PDFs kept in the print cache from
 * before are printed again (see cacheSalt in print-handouts.ts).
 */
export const PDF_UA_VERSION = "pdf-ua-3";

export interface AccessibilityFacts extends Omit<XmpFacts, "pdfUa"> {
  /** The page's links and their texts, to describe the link annotations. */
  links: readonly LinkText[];
}

export interface AccessibilityReport {
  /** The file meets what PDF/UA-1 asks of it here, and says so in its XMP metadata. */
  pdfUa: boolean;
  /** Why it does not (each a short sentence); empty when it does. */
  problems: string[];
  /** Artifact sequences added to the pages' content. */
  artifacts: number;
  roleMapped: string[];
  listItems: number;
  figureBoxes: number;
  linkDescriptions: number;
  /** ToUnicode entries that mapped a glyph to U+0000, U+FEFF or U+FFFE, now mapped to an invisible character. */
  unicodeMappings: number;
}

const name = (value: string) => PDFName.of(value);

/**
 * Make a PDF that Chromium printed with tags into one that meets PDF/UA-1: untagged drawing becomes
 * artifacts, the structure tree is mended (RoleMap, list bodies, figure boxes, link descriptions), no glyph maps
 * to U+0000 in its font's ToUnicode CMap, and an XMP
 * packet carries the title, the language and, only when nothing above failed, the PDF/UA identifier.
 * Everything Chromium tagged stays as it was.
 */
export function makeAccessible(document: PDFDocument, facts: AccessibilityFacts): AccessibilityReport {
  const problems: string[] = [];
  const boxes = new Map<string, Map<number, Box>>();
  let artifacts = 0;
  for (const [index, page] of document.getPages().entries()) {
    try {
      const marked = markPage(document, page);
      artifacts += marked.artifacts;
      boxes.set(page.ref.toString(), marked.boxes);
      problems.push(...marked.problems.map((problem) => `page ${index + 1}: ${problem}`));
    } catch (error) {
      problems.push(`page ${index + 1}: its content could not be read (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  let structure: ReturnType<typeof repairStructureTree>;
  try {
    structure = repairStructureTree(document, boxes, facts.links);
  } catch (error) {
    // A tree this code does not understand is left as far as it got; the file then makes no PDF/UA claim.
    structure = {
      roleMapped: [],
      listItems: 0,
      figureBoxes: 0,
      linkDescriptions: 0,
      problems: [`its structure tree could not be mended (${error instanceof Error ? error.message : String(error)})`],
    };
  }
  problems.push(...structure.problems);
  const unicodeMappings = mendToUnicode(document);
  const markInfo = document.catalog.lookupMaybe(name("MarkInfo"), PDFDict);
  if (markInfo?.get(name("Marked")) !== PDFBool.True) problems.push("the PDF is not marked as tagged");
  if (!facts.title.trim()) problems.push("the PDF has no title");
  if (!facts.lang.trim()) problems.push("the PDF has no language");
  const pdfUa = problems.length === 0;
  setXmp(document, { ...facts, pdfUa });
  const { roleMapped, listItems, figureBoxes, linkDescriptions } = structure;
  return { pdfUa, problems, artifacts, roleMapped, listItems, figureBoxes, linkDescriptions, unicodeMappings };
}

/** Mark a page's untagged drawing as artifacts and write its content back as one stream. */
function markPage(document: PDFDocument, page: PDFPage) {
  const { refs, bytes } = pageContent(document, page);
  const xObjects = page.node.Resources()?.lookupMaybe(name("XObject"), PDFDict);
  const marked = markArtifacts(bytes, { isTaggedForm: (resource) => isTaggedForm(xObjects, resource) });
  if (marked.artifacts > 0 || refs.length > 1) {
    const [first, ...rest] = refs;
    if (first) {
      document.context.assign(first, document.context.flateStream(marked.bytes));
      page.node.set(name("Contents"), first);
      for (const ref of rest) document.context.delete(ref);
    }
  }
  return marked;
}

/** A form XObject that carries its own tags (StructParents): drawn where it is tagged, never wrapped as an artifact. */
function isTaggedForm(xObjects: PDFDict | undefined, resource: string): boolean {
  const xObject = xObjects?.lookup(name(resource));
  return (
    xObject instanceof PDFStream &&
    xObject.dict.get(name("Subtype")) === name("Form") &&
    (xObject.dict.has(name("StructParents")) || xObject.dict.has(name("StructParent")))
  );
}

/** Put the XMP packet in the catalog, in place of any there was. Uncompressed, as readers of metadata expect. */
function setXmp(document: PDFDocument, facts: XmpFacts): void {
  const stream = document.context.stream(new TextEncoder().encode(xmpPacket(facts)), { Type: "Metadata", Subtype: "XML" });
  const existing = document.catalog.get(name("Metadata"));
  if (existing instanceof PDFRef) document.context.assign(existing, stream);
  else document.catalog.set(name("Metadata"), document.context.register(stream));
}
