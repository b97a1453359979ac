import { createHash } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "puppeteer-core";
import { stampMetadata, type PdfMetadata } from "./pdf-metadata.ts";

/** One PDF to print: an HTML file of the built site and where its PDF goes. */
export interface PrintJob {
  htmlFile: string;
  pdfFile: string;
  metadata: Omit<PdfMetadata, "headings">;
}

export type PrintOutcome =
  | { job: PrintJob; ok: true; pages: number; bytes: number; sha256: string; milliseconds: number }
  | { job: PrintJob; ok: false; error: string };

export interface PrintOptions {
  /** Tabs printing at once. */
  concurrency: number;
  /** Longest a handout may take to load and print. */
  timeoutMs: number;
  /** Told of each finished handout, in the order they finish. */
  onOutcome?: (outcome: PrintOutcome) => void;
}

/** Print options shared by every handout: tagged, with bookmarks, paper size from the page's CSS. */
export const PDF_OPTIONS = { tagged: true, outline: true, preferCSSPageSize: true, printBackground: true } as const;

/**
 * Print every job with one browser: a bounded set of tabs, each reused for one job after another.
 * A tab that fails is closed and replaced, so one bad handout cannot spoil the next.
 */
export async function printPdfs(browser: Browser, jobs: readonly PrintJob[], options: PrintOptions): Promise<PrintOutcome[]> {
  const outcomes: PrintOutcome[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    let page: Page | undefined;
    try {
      while (next < jobs.length) {
        const index = next++;
        const job = jobs[index] as PrintJob;
        page ??= await browser.newPage();
        try {
          outcomes[index] = await printOne(page, job, options.timeoutMs);
        } catch (error) {
          outcomes[index] = { job, ok: false, error: error instanceof Error ? error.message : String(error) };
          await page.close().catch(() => undefined);
          page = undefined;
        }
        options.onOutcome?.(outcomes[index]);
      }
    } finally {
      await page?.close().catch(() => undefined);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, jobs.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return outcomes;
}

async function printOne(page: Page, job: PrintJob, timeoutMs: number): Promise<PrintOutcome> {
  const started = performance.now();
  await page.goto(pathToFileURL(job.htmlFile).href, { waitUntil: "load", timeout: timeoutMs });
  // Fonts must be ready, or the first PDFs fall back to another typeface.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // On paper a link to another file of the site would be a file:// path of this machine: keep only web, phone and mail links.
  await page.evaluate(() => {
    for (const link of document.querySelectorAll("a[href]")) {
      if (!/^(?:https?:|tel:|mailto:)/i.test(link.getAttribute("href") ?? "")) link.removeAttribute("href");
    }
  });
  const headings = await page.evaluate(() => [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((heading) => heading.textContent ?? ""));
  const printed = await page.pdf({ ...PDF_OPTIONS, timeout: timeoutMs });
  const { bytes, pages } = await stampMetadata(printed, { ...job.metadata, headings });
  await mkdir(path.dirname(job.pdfFile), { recursive: true });
  // Write beside and rename, so a PDF is never seen half-written.
  const partial = `${job.pdfFile}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, job.pdfFile);
  return {
    job,
    ok: true,
    pages,
    bytes: bytes.byteLength,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    milliseconds: Math.round(performance.now() - started),
  };
}
