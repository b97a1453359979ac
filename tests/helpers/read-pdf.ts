import { readFile } from "node:fs/promises";
import { PDFDocument, PDFName, PDFString } from "pdf-lib";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export interface PdfFacts {
  pages: number;
  /** Width and height of the first page in points. */
  pageSize: [number, number];
  title: string | undefined;
  author: string | undefined;
  /** The document language (/Lang in the catalog). */
  lang: string | undefined;
  /** Marked as tagged, with a structure tree. */
  tagged: boolean;
  /** Bookmark titles, depth first. */
  outline: string[];
  text: string;
}

/** Open a PDF with a real PDF parser (pdfjs) and read what the tests check. */
export async function readPdf(file: string): Promise<PdfFacts> {
  const bytes = await readFile(file);
  const pdf = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const first = await pdf.getPage(1);
    const [x0, y0, x1, y1] = first.view as [number, number, number, number];
    const texts: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const content = await (await pdf.getPage(number)).getTextContent();
      texts.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(""));
    }
    const { info } = (await pdf.getMetadata()) as { info: { Title?: string; Author?: string } };
    const outline = (await pdf.getOutline()) ?? [];
    const flatten = (items: typeof outline): string[] => items.flatMap((item) => [item.title, ...flatten(item.items)]);
    const structTree = await first.getStructTree();
    return {
      pages: pdf.numPages,
      pageSize: [Math.round(x1 - x0), Math.round(y1 - y0)],
      title: info.Title,
      author: info.Author,
      lang: await catalogLang(bytes),
      tagged: Boolean((await pdf.getMarkInfo())?.Marked) && structTree !== null,
      outline: flatten(outline),
      text: texts.join("\n").replace(/[ \t]+/g, " "),
    };
  } finally {
    await pdf.destroy();
  }
}

/** pdfjs does not expose the catalog's /Lang; pdf-lib reads it. */
async function catalogLang(bytes: Uint8Array): Promise<string | undefined> {
  const document = await PDFDocument.load(bytes, { updateMetadata: false });
  const lang = document.catalog.lookupMaybe(PDFName.of("Lang"), PDFString);
  return lang?.decodeText();
}
