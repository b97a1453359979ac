import { createHash } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { writeWhole } from "../write-whole.ts";
import { loadPdf, stampMetadata, type PdfMetadata } from "./pdf-metadata.ts";
import { checkPdfFile, layoutChecks, type PdfChecks } from "./pdf-checks.ts";
import { writeThumbnail } from "./pdf-thumbnail.ts";

/** A PDF as Chromium printed it, what its page said about itself, and where it goes. */
export interface FinishInput {
  printed: Uint8Array;
  metadata: PdfMetadata;
  pdfFile: string;
  /** Where a JPEG of the first page goes; none when not wanted. */
  thumbnailFile?: string;
  /** More pages than this is a runaway handout: it fails, and nothing is written. */
  maxPages: number;
  /** A one-page sheet (with the language help on its back when it has it): more pages fail, and nothing is written. */
  onePage?: { back: boolean };
}

/** The PDF as published: stamped, made accessible, written and checked. */
export interface Finished {
  pages: number;
  bytes: number;
  sha256: string;
  checks: PdfChecks;
}

/**
 * Everything done to a PDF after Chromium printed it, from one reading of the file. Runs in a worker thread
 * (see pdf-workers.ts), never in the thread that drives the browser, where it would keep Chromium waiting.
 */
export default async function finishPdf(input: FinishInput): Promise<Finished> {
  const document = await loadPdf(input.printed);
  // Read before the PDF/UA pass rewrites the pages' content: the text as Chromium laid it out.
  const layout = layoutChecks(document);
  const { bytes, pages, accessibility } = await stampMetadata(document, input.metadata);
  if (pages > input.maxPages) throw new Error(`printed ${pages} pages, more than the limit of ${input.maxPages}`);
  if (input.onePage && pages > (input.onePage.back ? 2 : 1)) {
    const sheet = input.onePage.back ? "a one-page sheet (with the language help on its back)" : "a one-page sheet";
    throw new Error(`printed on ${pages} pages, but it is ${sheet}; shorten the clinic's notes or contact details`);
  }
  await mkdir(path.dirname(input.pdfFile), { recursive: true });
  await writeWhole(input.pdfFile, bytes);
  // From the finished PDF, so the picture is the page as printed, footer and all.
  if (input.thumbnailFile) await writeThumbnail(input.pdfFile, input.thumbnailFile);
  const checks: PdfChecks = { pdfUa: accessibility.pdfUa, pdfUaProblems: accessibility.problems, ...layout };
  return { pages, bytes: bytes.byteLength, sha256: createHash("sha256").update(bytes).digest("hex"), checks };
}

/** Check a PDF file whose checks were not kept (a print cache entry from before checks were kept). */
export const checkFile = (file: string): Promise<PdfChecks> => checkPdfFile(file);
