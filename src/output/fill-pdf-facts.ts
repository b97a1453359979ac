import { readFile } from "node:fs/promises";
import path from "node:path";
import { fillPlaceholders } from "../content/language-pack.ts";
import type { HandoutPage } from "../render/site-data.ts";
import { writeWhole } from "../write-whole.ts";

/** What a download link tells before the click: how long and how large the PDF is. */
export interface PdfFacts {
  pages: number;
  bytes: number;
}

const PLACEHOLDER = /<!--pdf-facts:([^>]*?)-->/g;

/**
 * Put each PDF's length and size into the download links of the handout pages ("Download PDF (2 pages,
 * 84 kB)"). Pages are rendered before their PDFs exist, so the links carry a placeholder that is filled
 * here, after printing; the print cache keyed each page on its text before this, so a rebuild still matches.
 * A PDF not known here (printed by another shard) keeps a plain link.
 */
export async function fillPdfFacts(siteDir: string, pages: readonly HandoutPage[], facts: ReadonlyMap<string, PdfFacts>): Promise<void> {
  for (const page of pages) {
    const file = path.join(siteDir, page.htmlPath);
    const html = await readFile(file, "utf8");
    const filled = html.replace(PLACEHOLDER, (_whole, pdfPath: string) => {
      const known = facts.get(pdfPath);
      return known ? `(${describePdf(known, page)})` : "";
    });
    if (filled === html) continue;
    await writeWhole(file, filled);
  }
}

/** "2 pages, 84 kB" in the page's language. */
export function describePdf({ pages, bytes }: PdfFacts, { lang, ui }: Pick<HandoutPage, "lang" | "ui">): string {
  const size = new Intl.NumberFormat(lang, {
    style: "unit",
    unit: bytes < 1024 * 1024 ? "kilobyte" : "megabyte",
    maximumFractionDigits: bytes < 1024 * 1024 ? 0 : 1,
  }).format(bytes < 1024 * 1024 ? Math.max(1, Math.round(bytes / 1024)) : bytes / (1024 * 1024));
  return pages === 1 ? fillPlaceholders(ui.pdfPage, { size }) : fillPlaceholders(ui.pdfPages, { pages, size });
}
