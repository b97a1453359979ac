import { TYPEFACES } from "../../src/fonts/typefaces.ts";
import { execFileSync } from "node:child_process";
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
  /** The size (pt) most of the text is set in: the body text's. */
  bodyFontSize: number;
  /** The same, page by page. */
  bodyFontSizes: number[];
  /** The alternative text of every Figure in the structure tree, page by page ("" for a figure without one). */
  figures: string[];
}

interface StructNode {
  role?: string;
  alt?: string;
  children?: StructNode[];
}

function figuresIn(node: StructNode | null): string[] {
  if (!node) return [];
  return [...(node.role === "Figure" ? [node.alt ?? ""] : []), ...(node.children ?? []).flatMap(figuresIn)];
}

/** Open a PDF with a real PDF parser (pdfjs) and read what the tests check. */
export async function readPdf(file: string): Promise<PdfFacts> {
  const bytes = await readFile(file);
  const pdf = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const first = await pdf.getPage(1);
    const [x0, y0, x1, y1] = first.view as [number, number, number, number];
    const texts: string[] = [];
    const figures: string[] = [];
    const charactersBySize = new Map<number, number>();
    const bodyFontSizes: number[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const pageSizes = new Map<number, number>();
      const page = await pdf.getPage(number);
      figures.push(...figuresIn((await page.getStructTree()) as StructNode | null));
      const content = await page.getTextContent();
      texts.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(""));
      for (const item of content.items) {
        if (!("str" in item)) continue;
        // The text matrix scales the unit font: its length is the size in points.
        const size = Math.round(Math.hypot(item.transform[0] as number, item.transform[1] as number) * 10) / 10;
        for (const sizes of [charactersBySize, pageSizes]) sizes.set(size, (sizes.get(size) ?? 0) + item.str.trim().length);
      }
      bodyFontSizes.push(mostUsed(pageSizes));
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
      bodyFontSize: mostUsed(charactersBySize),
      bodyFontSizes,
      figures,
    };
  } finally {
    await pdf.destroy();
  }
}

/** The size most characters are set in. */
const mostUsed = (charactersBySize: Map<number, number>) => [...charactersBySize].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;

/** pdfjs does not expose the catalog's /Lang; pdf-lib reads it. */
async function catalogLang(bytes: Uint8Array): Promise<string | undefined> {
  const document = await PDFDocument.load(bytes, { updateMetadata: false });
  const lang = document.catalog.lookupMaybe(PDFName.of("Lang"), PDFString);
  return lang?.decodeText();
}

/**
 * A font of ours as pdffonts names it: a subset's tag, then the PostScript name of a bundled family (Noto Sans
 * SC's instances are named "NotoSansSCThin-Bold"); never a font of the machine.
 */
export const BUNDLED_FONT = new RegExp(`^[A-Z]{6}\\+(${TYPEFACES.map((typeface) => typeface.family.replace(/ /g, "")).join("|")})\\w*-`);

/** Every font of a PDF with whether it is embedded, as poppler's pdffonts lists them. */
export function fontsOf(file: string): { name: string; embedded: boolean }[] {
  const lines = execFileSync("pdffonts", [file], { encoding: "utf8" }).trim().split("\n").slice(2);
  return lines.map((line) => {
    const columns = line.trim().split(/\s+/);
    // name, type..., encoding, emb, sub, uni, object number, generation: "emb" is the fifth from the end.
    return { name: columns[0] as string, embedded: columns.at(-5) === "yes" };
  });
}
