import { stat } from "node:fs/promises";
import path from "node:path";
import puppeteer, { type Browser } from "puppeteer-core";
import type { HandoutPage } from "../render/site-data.ts";
import { BROWSER_INSTALL_HINT, findBrowser } from "./find-browser.ts";
import { closeBrowser, launchBrowser } from "./launch-browser.ts";
import { PrintCache } from "./print-cache.ts";
import { CREATOR, documentDate } from "./pdf-metadata.ts";
import { PDF_OPTIONS, printPdfs, type PrintJob, type PrintOptions, type PrintOutcome } from "./print-pdfs.ts";
import { serveSite } from "./site-server.ts";

export interface PrintStageOptions {
  /** The rendered site; PDFs are written next to their pages. */
  siteDir: string;
  concurrency: number;
  timeoutMs: number;
  maxPages: number;
  /** Where printed PDFs are kept between builds; false to print everything. */
  cacheDir: string | false;
  /** A browser to print with; one is launched (only if something needs printing) when none is given. */
  browser?: Browser;
  /** DevTools WebSocket URLs of running Chromes to print on instead (pages are served to them over HTTP). */
  browserWs?: readonly string[];
  /** Address the site is served on for those browsers. Default: 127.0.0.1. */
  serveHost?: string;
  signal?: AbortSignal;
  onOutcome?: (outcome: PrintOutcome) => void;
}

/** The print job of a handout page: where it is, where its PDF goes, and the PDF's document information. */
export function printJobOf(page: HandoutPage, siteDir: string): PrintJob {
  return {
    htmlFile: path.join(siteDir, page.htmlPath),
    pdfFile: path.join(siteDir, page.pdfPath),
    ...(page.clinic.thumbnail && page.thumbnailPath ? { thumbnailFile: path.join(siteDir, page.thumbnailPath) } : {}),
    metadata: {
      title: page.title,
      author: page.clinic.name,
      subject: page.summary,
      keywords: ["infusion therapy", "pain", page.handoutId, page.clinic.name],
      lang: page.lang,
      date: documentDate(page.lastReviewed),
    },
  };
}

/**
 * Produce every handout's PDF: copied from the cache when nothing it depends on changed,
 * printed otherwise. Outcomes come back in the order of `pages`.
 */
export async function printHandouts(pages: readonly HandoutPage[], options: PrintStageOptions): Promise<PrintOutcome[]> {
  const jobs = pages.map((page) => printJobOf(page, options.siteDir));
  const cache = options.cacheDir === false ? undefined : await PrintCache.open(options.cacheDir, await cacheSalt(options), options.siteDir);
  const outcomes: PrintOutcome[] = new Array(jobs.length);
  const toPrint: number[] = [];
  for (const [index, job] of jobs.entries()) {
    const entry = await cache?.reuse(job, (pages[index] as HandoutPage).htmlPath);
    if (!entry) {
      toPrint.push(index);
      continue;
    }
    outcomes[index] = { job, ok: true, pages: entry.pages, bytes: entry.bytes, sha256: entry.sha256, milliseconds: 0, blocked: [], loaded: entry.files, cached: true, thumbnail: entry.thumbnail };
    options.onOutcome?.(outcomes[index]);
  }
  if (toPrint.length > 0) {
    // Each PDF goes into the cache as soon as it is written, while the browser prints the next ones.
    const htmlPathOf = new Map(toPrint.map((index) => [jobs[index] as PrintJob, (pages[index] as HandoutPage).htmlPath]));
    const remembering: Promise<void>[] = [];
    const onOutcome = (outcome: PrintOutcome) => {
      if (outcome.ok && cache) remembering.push(cache.remember(outcome.job, htmlPathOf.get(outcome.job) as string, outcome.loaded, outcome));
      options.onOutcome?.(outcome);
    };
    const printed = await printWithBrowser(toPrint.map((index) => jobs[index] as PrintJob), { ...options, onOutcome });
    printed.forEach((outcome, position) => (outcomes[toPrint[position] as number] = outcome));
    await Promise.all(remembering);
  }
  if (!options.signal?.aborted) await cache?.save();
  return outcomes;
}

async function printWithBrowser(jobs: PrintJob[], options: PrintStageOptions): Promise<PrintOutcome[]> {
  if (options.browserWs?.length) return printOnRemoteBrowsers(jobs, options, options.browserWs);
  const browser = options.browser ?? (await launchBrowser());
  // Interrupted: close our browser at once, so the pages being printed stop too.
  const stop = () => (options.browser ? undefined : void closeBrowser(browser));
  options.signal?.addEventListener("abort", stop, { once: true });
  try {
    return await printPdfs(browser, jobs, printOptions(options));
  } finally {
    options.signal?.removeEventListener("abort", stop);
    if (!options.browser) await closeBrowser(browser);
  }
}

/** Print on Chromes someone else runs: serve them the site, spread the tabs over them, and leave them running. */
async function printOnRemoteBrowsers(jobs: PrintJob[], options: PrintStageOptions, endpoints: readonly string[]): Promise<PrintOutcome[]> {
  const server = await serveSite(options.siteDir, options.serveHost);
  const browsers = await Promise.all(endpoints.map((browserWSEndpoint) => puppeteer.connect({ browserWSEndpoint })));
  try {
    return await printPdfs(browsers, jobs, { ...printOptions(options), baseUrl: server.baseUrl });
  } finally {
    await Promise.all(browsers.map((browser) => browser.disconnect()));
    await server.close();
  }
}

function printOptions(options: PrintStageOptions): PrintOptions {
  return {
    concurrency: options.concurrency,
    timeoutMs: options.timeoutMs,
    maxPages: options.maxPages,
    allowedRoot: options.siteDir,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onOutcome ? { onOutcome: options.onOutcome } : {}),
  };
}

/**
 * What, besides a page's own files, decides its PDF: this tool, the print options, and the browser.
 * A browser we would launch is named by its file's path, size and date (a new version is a new file),
 * so a build with nothing to print never starts one.
 */
async function cacheSalt({ browser, browserWs }: PrintStageOptions): Promise<string> {
  let browserIdentity: string;
  if (browser) {
    browserIdentity = await browser.version();
  } else if (browserWs?.length) {
    browserIdentity = `remote:${browserWs.join(",")}`;
  } else {
    const location = await findBrowser();
    if (!location) throw new Error(BROWSER_INSTALL_HINT);
    const info = await stat(location.executablePath);
    browserIdentity = `${location.executablePath}:${info.size}:${info.mtimeMs}`;
  }
  return JSON.stringify([CREATOR, PDF_OPTIONS, browserIdentity]);
}
