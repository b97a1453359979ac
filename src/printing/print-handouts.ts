import { stat } from "node:fs/promises";
import path from "node:path";
import puppeteer, { type Browser } from "puppeteer-core";
import type { HandoutPage } from "../render/site-data.ts";
import { BROWSER_INSTALL_HINT, findBrowser } from "./find-browser.ts";
import { fixedBrowser, RelaunchingBrowser, type BrowserSource } from "./browser-source.ts";
import { launchBrowser } from "./launch-browser.ts";
import { PrintCache } from "./print-cache.ts";
import { CREATOR, documentDate } from "./pdf-metadata.ts";
import { PDF_CHECKS_VERSION } from "./pdf-checks.ts";
import { checkFileInWorker } from "./pdf-workers.ts";
import { PDF_UA_VERSION } from "./pdf-ua/make-accessible.ts";
import { PDF_OPTIONS, printPdfs, type PrintJob, type PrintOptions, type PrintOutcome } from "./print-pdfs.ts";
import { serveSite, usesProxy } from "./site-server.ts";

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
  /** Told of what staff should know though nothing failed (Chromium crashed and was started again). */
  onWarning?: (message: string) => void;
}

/** The print job of a handout page: where it is, where its PDF goes, and the PDF's document information. */
export function printJobOf(page: HandoutPage, siteDir: string): PrintJob {
  return {
    htmlFile: path.join(siteDir, page.htmlPath),
    pdfFile: path.join(siteDir, page.pdfPath),
    ...(page.thumbnailPath ? { thumbnailFile: path.join(siteDir, page.thumbnailPath) } : {}),
    ...(page.layout === "one-page" ? { onePage: { back: page.clinic.languageHelp !== null } } : {}),
    metadata: {
      title: page.title,
      author: page.clinic.name,
      subject: page.summary,
      keywords: ["infusion therapy", "pain", page.handoutId, page.clinic.name],
      lang: page.lang,
      date: documentDate(page.review.reviewed),
    },
  };
}

/**
 * Produce every handout's PDF: copied from the cache when nothing it depends on changed, printed
 * otherwise. `pages` may come in batches as they are rendered: each batch is printed while the next
 * one renders. Outcomes come back in the order of the pages.
 */
export async function printHandouts(
  pages: readonly HandoutPage[] | AsyncIterable<readonly HandoutPage[]>,
  options: PrintStageOptions,
): Promise<PrintOutcome[]> {
  const cache = options.cacheDir === false ? undefined : await PrintCache.open(options.cacheDir, await cacheSalt(options), options.siteDir);
  const printer = new Printer(options);
  const outcomes: PrintOutcome[] = [];
  try {
    for await (const batch of aheadByOne(isPageList(pages) ? [pages] : pages)) {
      if (options.signal?.aborted) break;
      outcomes.push(...(await produceBatch(batch, cache, printer, options)));
    }
  } finally {
    await printer.close();
  }
  if (!options.signal?.aborted) await cache?.save();
  return outcomes;
}

const isPageList = (pages: readonly HandoutPage[] | AsyncIterable<readonly HandoutPage[]>): pages is readonly HandoutPage[] =>
  Array.isArray(pages);

/**
 * Yield each item while the next one is already being made (the next batch renders while this one
 * prints). Stopping early waits for the one being made, so nothing is still writing afterwards.
 */
async function* aheadByOne<T>(items: AsyncIterable<T> | Iterable<T>): AsyncGenerator<T> {
  const iterator =
    Symbol.asyncIterator in items
      ? items[Symbol.asyncIterator]()
      : (async function* () {
          yield* items;
        })();
  let next = iterator.next();
  try {
    for (let current = await next; !current.done; current = await next) {
      next = iterator.next();
      next.catch(() => undefined); // its failure surfaces when it is awaited, not as an unhandled rejection
      yield current.value;
    }
  } finally {
    await next.catch(() => undefined);
  }
}

/** One batch of the pages: reuse what the cache has, print the rest, and remember those. */
async function produceBatch(
  pages: readonly HandoutPage[],
  cache: PrintCache | undefined,
  printer: Printer,
  options: PrintStageOptions,
): Promise<PrintOutcome[]> {
  const jobs = pages.map((page) => printJobOf(page, options.siteDir));
  const outcomes: PrintOutcome[] = new Array(jobs.length);
  const toPrint: number[] = [];
  for (const [index, job] of jobs.entries()) {
    const entry = await cache?.reuse(job, (pages[index] as HandoutPage).htmlPath);
    if (!entry) {
      toPrint.push(index);
      continue;
    }
    const checks = entry.checks ?? (await checkFileInWorker(job.pdfFile));
    outcomes[index] = {
      job,
      ok: true,
      pages: entry.pages,
      bytes: entry.bytes,
      sha256: entry.sha256,
      milliseconds: 0,
      blocked: [],
      loaded: entry.files,
      cached: true,
      thumbnail: entry.thumbnail,
      checks,
    };
    options.onOutcome?.(outcomes[index]);
  }
  if (toPrint.length > 0) {
    // Each PDF goes into the cache as soon as it is written, while the browser prints the next ones.
    const htmlPathOf = new Map(toPrint.map((index) => [jobs[index] as PrintJob, (pages[index] as HandoutPage).htmlPath]));
    const remembering: Promise<void>[] = [];
    const onOutcome = (outcome: PrintOutcome) => {
      if (outcome.ok && cache)
        remembering.push(cache.remember(outcome.job, htmlPathOf.get(outcome.job) as string, outcome.loaded, outcome));
      options.onOutcome?.(outcome);
    };
    const printed = await printer.print(
      toPrint.map((index) => jobs[index] as PrintJob),
      onOutcome,
    );
    printed.forEach((outcome, position) => (outcomes[toPrint[position] as number] = outcome));
    await Promise.all(remembering);
  }
  return outcomes;
}

/**
 * The browsers a build prints on, started on first need (a build with nothing to print starts none)
 * and kept for every batch: our own Chromium (started again if it crashes), one handed in, or Chromes
 * running elsewhere.
 */
class Printer {
  readonly #options: PrintStageOptions;
  #started: Promise<{ browsers: BrowserSource[]; baseUrl?: string; lockedDown?: boolean; close: () => Promise<void> }> | undefined;

  constructor(options: PrintStageOptions) {
    this.#options = options;
  }

  async print(jobs: PrintJob[], onOutcome: (outcome: PrintOutcome) => void): Promise<PrintOutcome[]> {
    this.#started ??= this.#start();
    const { browsers, baseUrl, lockedDown } = await this.#started;
    return printPdfs(browsers, jobs, { ...printOptions(this.#options), onOutcome, ...(baseUrl ? { baseUrl, lockedDown } : {}) });
  }

  async close(): Promise<void> {
    await (await this.#started?.catch(() => undefined))?.close();
  }

  async #start() {
    const options = this.#options;
    if (options.browserWs?.length) return connectRemoteBrowsers(options, options.browserWs);
    // Pages are loaded over HTTP from our server of the site, where they may read their own stylesheets (to load
    // the running footer's fonts first, see print-pdfs.ts). A browser handed in keeps request interception.
    const server = await serveSite(options.siteDir);
    if (options.browser) return { browsers: [fixedBrowser(options.browser)], baseUrl: server.baseUrl, close: server.close };
    // Our own Chromium has that server as its only proxy (see site-server.ts): no request is paused, as
    // interception would, and nothing turns its cache off, so fonts load once per build, not once per page.
    const source = new RelaunchingBrowser(
      () => launchBrowser({ proxy: server.baseUrl.replace(/\/$/, "") }),
      (count) => {
        options.onWarning?.(
          `Chromium crashed while printing and was started again (crash ${count}); the handouts it was printing were tried again`,
        );
      },
    );
    // A browser that cannot start at all stops the build, as before any crash.
    const first = await source.current().catch(async (error: unknown) => {
      await server.close();
      throw error;
    });
    const lockedDown = await usesProxy(first, server).catch(() => false);
    if (!lockedDown)
      options.onWarning?.(
        "Chromium does not send requests through the proxy it was started with (a browser policy may set its own proxy): each request is checked in its tab instead, which is slower",
      );
    // Interrupted: close our browser at once, so the pages being printed stop too.
    const stop = () => void source.close();
    options.signal?.addEventListener("abort", stop, { once: true });
    return {
      browsers: [source],
      baseUrl: server.baseUrl,
      lockedDown,
      close: async () => {
        options.signal?.removeEventListener("abort", stop);
        await source.close();
        await server.close();
      },
    };
  }
}

/** Chromes someone else runs: serve them the site, and leave them running when done. */
async function connectRemoteBrowsers(options: PrintStageOptions, endpoints: readonly string[]) {
  const server = await serveSite(options.siteDir, options.serveHost);
  const browsers = await Promise.all(endpoints.map((browserWSEndpoint) => puppeteer.connect({ browserWSEndpoint }))).catch(
    async (error: unknown) => {
      await server.close();
      throw error;
    },
  );
  const close = async () => {
    await Promise.all(browsers.map((browser) => browser.disconnect()));
    await server.close();
  };
  const sources = browsers.map((browser, index) => fixedBrowser(browser, `the Chrome at ${endpoints[index]}`));
  return { browsers: sources, baseUrl: server.baseUrl, close };
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
  return JSON.stringify([CREATOR, PDF_OPTIONS, PDF_UA_VERSION, PDF_CHECKS_VERSION, browserIdentity]);
}
