import { readFile } from "node:fs/promises";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export interface PdfFacts {
  pages: number;
  /** Width and height of the first page in points. */
  pageSize: [number, number];
  title: string | undefined;
  lang: string | undefined;
  tagged: boolean;
  outline: string[];
  text: string;
}

/** Open a PDF with a real PDF parser and read what the tests check. */
export async function readPdf(file: string): Promise<PdfFacts> {
  const data = new Uint8Array(await readFile(file));
  const pdf = await getDocument({ data, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const first = await pdf.getPage(1);
    const [x0, y0, x1, y1] = first.view as [number, number, number, number];
    const texts: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const content = await (await pdf.getPage(number)).getTextContent();
      texts.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(""));
    }
    const { info } = (await pdf.getMetadata()) as { info: { Title?: string } };
    const markInfo = await pdf.getMarkInfo();
    const outline = (await pdf.getOutline()) ?? [];
    const flatten = (items: typeof outline): string[] => items.flatMap((item) => [item.title, ...flatten(item.items)]);
    const structTree = await first.getStructTree();
    return {
      pages: pdf.numPages,
      pageSize: [Math.round(x1 - x0), Math.round(y1 - y0)],
      title: info.Title,
      lang: (structTree as { lang?: string } | null)?.lang ?? undefined,
      tagged: Boolean(markInfo?.Marked),
      outline: flatten(outline),
      text: texts.join("\n").replace(/[ \t]+/g, " "),
    };
  } finally {
    await pdf.destroy();
  }
}
