import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import packageJson from "../../package.json" with { type: "json" };
import { makeAccessible, type AccessibilityReport, type LinkText } from "./pdf-ua/make-accessible.ts";

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  lang: string;
  /** Creation and modification date: fixed per input, so the same input gives the same bytes. */
  date: Date;
  /** The page's headings as written, to mend bookmark titles (see repairOutlineTitles). */
  headings: string[];
  /** The page's links with their texts, to describe the link annotations (see pdf-ua/). */
  links?: LinkText[];
}

export const CREATOR = `${packageJson.name} ${packageJson.version}`;

/**
 * The date stamped into PDFs: SOURCE_DATE_EPOCH when set (reproducible-builds.org), else the
 * handout's last-reviewed day, never the time of the build.
 */
export function documentDate(reviewed: string, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(`${reviewed}T00:00:00Z`);
}

/** A printed PDF read whole (it is small), with the document information left as Chromium wrote it. */
export const loadPdf = (pdf: Uint8Array): Promise<PDFDocument> => PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: Infinity });

/**
 * Set the document information of a printed PDF. pdf-lib rewrites the file but keeps every
 * object, so Chromium's structure tree (tags) and outline come through; the tests check that.
 */
export async function stampMetadata(
  document: PDFDocument,
  metadata: PdfMetadata,
): Promise<{ bytes: Uint8Array; pages: number; accessibility: AccessibilityReport }> {
  document.setTitle(metadata.title, { showInWindowTitleBar: true });
  document.setAuthor(metadata.author);
  document.setSubject(metadata.subject);
  document.setKeywords([metadata.keywords.join(", ")]);
  document.setCreator(CREATOR);
  document.setProducer(`${CREATOR} (Chromium, pdf-lib)`);
  document.setCreationDate(metadata.date);
  document.setModificationDate(metadata.date);
  document.catalog.set(PDFName.of("Lang"), PDFString.of(metadata.lang));
  repairOutlineTitles(document, metadata.headings);
  // Artifacts, mended tags and the XMP packet (the same facts and fixed date as above) for PDF/UA-1.
  const accessibility = makeAccessible(document, {
    ...metadata,
    keywords: metadata.keywords.join(", "),
    creatorTool: CREATOR,
    producer: `${CREATOR} (Chromium, pdf-lib)`,
    links: metadata.links ?? [],
  });
  const bytes = await document.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity });
  return { bytes, pages: document.getPageCount(), accessibility };
}

const withoutSpaces = (text: string) => text.replace(/\s+/g, "");

/**
 * Chromium builds bookmark titles from laid-out lines and drops the space where a heading
 * wraps ("largaduración"). Put back each title from the heading it was made from.
 */
export function repairOutlineTitles(document: PDFDocument, headings: readonly string[]): void {
  const byKey = new Map(headings.map((heading) => [withoutSpaces(heading), heading.replace(/\s+/g, " ").trim()]));
  const visit = (item: PDFDict | undefined): void => {
    for (let node = item; node; node = node.lookupMaybe(PDFName.of("Next"), PDFDict)) {
      const title = node.lookupMaybe(PDFName.of("Title"), PDFString, PDFHexString)?.decodeText();
      const heading = title === undefined ? undefined : byKey.get(withoutSpaces(title));
      if (heading !== undefined && heading !== title) node.set(PDFName.of("Title"), PDFHexString.fromText(heading));
      visit(node.lookupMaybe(PDFName.of("First"), PDFDict));
    }
  };
  const outlines = document.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict);
  visit(outlines?.lookupMaybe(PDFName.of("First"), PDFDict));
}
