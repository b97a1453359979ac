import { readFile } from "node:fs/promises";
import type { PDFDocument } from "pdf-lib";
import { describeLayoutIssue, layoutIssues, type LayoutIssue } from "./layout-check.ts";
import { loadPdf } from "./pdf-metadata.ts";
import { textOfPages } from "./pdf-text-runs.ts";

/**
 * What a finished PDF was found to be: whether it claims PDF/UA-1 (and why not), and the text that cannot be
 * read on paper. Kept with the PDF in the print cache, so a reused PDF reports the same as when it was printed.
 */
export interface PdfChecks {
  pdfUa: boolean;
  /** Why the PDF/UA-1 claim was left out. */
  pdfUaProblems: string[];
  layout: LayoutIssue[];
  /** Why the layout could not be checked (its text could not be read); the PDF is published all the same. */
  layoutError?: string;
}

/** Changes when the checks change, so PDFs kept in the print cache are checked (and printed) again. */
export const PDF_CHECKS_VERSION = "layout-2";

/** The layout check's findings on a loaded PDF; a check that fails is a warning, never a failed handout. */
export function layoutChecks(document: PDFDocument): Pick<PdfChecks, "layout" | "layoutError"> {
  try {
    return { layout: layoutIssues(textOfPages(document)) };
  } catch (error) {
    return uncheckedLayout(error);
  }
}

/** The findings when the layout could not be read at all. */
const uncheckedLayout = (error: unknown): Pick<PdfChecks, "layout" | "layoutError"> => ({
  layout: [],
  layoutError: error instanceof Error ? error.message : String(error),
});

/** Check a PDF from a file whose checks were not kept: its layout, and its claim as its XMP metadata states it. */
export async function checkPdfFile(file: string): Promise<PdfChecks> {
  const bytes = new Uint8Array(await readFile(file));
  const pdfUa = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes("<pdfuaid:part>1</pdfuaid:part>");
  const layout = await loadPdf(bytes).then(layoutChecks, uncheckedLayout);
  return { pdfUa, pdfUaProblems: pdfUa ? [] : ["no PDF/UA identifier in its metadata"], ...layout };
}

/** Build warnings for what the checks found, each naming the PDF (and the page). */
export function checkWarnings(pdfPath: string, checks: PdfChecks): string[] {
  return [
    ...checks.layout.map((issue) => `${pdfPath}: ${describeLayoutIssue(issue)}`),
    ...(checks.layoutError === undefined ? [] : [`${pdfPath}: its layout could not be checked (${checks.layoutError})`]),
    ...(checks.pdfUa ? [] : [`${pdfPath}: not marked PDF/UA-1: ${checks.pdfUaProblems.join("; ")}`]),
  ];
}
