import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser, HTTPRequest, Page } from "puppeteer-core";
import { fixedBrowser, isBrowserSource, type BrowserSource } from "./browser-source.ts";
import type { PdfMetadata } from "./pdf-metadata.ts";
import type { PdfChecks } from "./pdf-checks.ts";
import { finishInWorker } from "./pdf-workers.ts";
import type { LinkText } from "./pdf-ua/make-accessible.ts";

/** One PDF to print: an HTML file of the built site and where its PDF goes. */
export interface PrintJob {
  htmlFile: string;
  pdfFile: string;
  /** Where a JPEG of the first page goes; none when not wanted. */
  thumbnailFile?: string;
  /** A sheet that must fit one page, with the language-help taglines on the back when it carries them; printed on more, it fails. */
  onePage?: { back: boolean };
  metadata: Omit<PdfMetadata, "headings">;
}

export type PrintOutcome =
  | {
      job: PrintJob;
      ok: true;
      pages: number;
      bytes: number;
      sha256: string;
      milliseconds: number;
      /** Requests refused because they left the site. */
      blocked: string[];
      /** Site-relative paths of the files the page loaded, for the cache key. */
      loaded: string[];
      /** Copied from the cache instead of printed. */
      cached: boolean;
      /** A thumbnail of the first page was written. */
      thumbnail: boolean;
      /** PDF/UA-1 claim and layout issues of the finished PDF. */
      checks: PdfChecks;
    }
  | { job: PrintJob; ok: false; error: string };

export interface PrintOptions {
  /** Tabs printing at once. */
  concurrency: number;
  /** Longest a handout may take to load and print. */
  timeoutMs: number;
  /** More pages than this is a runaway handout, not a leaflet. */
  maxPages: number;
  /** The only folder pages may load files from; every other request is blocked and reported. */
  allowedRoot: string;
  /** Load pages over HTTP from this URL (a server of `allowedRoot`) instead of from disk. */
  baseUrl?: string;
  /**
   * The browser itself refuses every request that leaves `baseUrl` (it was launched with lockedDownArgs): tabs
   * only note what each page asked for, instead of pausing every request to allow or refuse it.
   */
  lockedDown?: boolean;
  /** Stops taking new jobs once aborted. */
  signal?: AbortSignal;
  /** Told of each finished handout, in the order they finish. */
  onOutcome?: (outcome: PrintOutcome) => void;
}

/** Print options shared by every handout: tagged, with bookmarks, paper size from the page's CSS. */
export const PDF_OPTIONS = { tagged: true, outline: true, preferCSSPageSize: true, printBackground: true } as const;

/** A reused tab and the requests it let through or blocked for the job it is printing. */
interface Tab {
  page: Page;
  /** Close the tab (and its browser context, when it has its own). */
  close: () => Promise<void>;
  loaded: string[];
  blocked: string[];
}

/**
 * Print every job: `concurrency` tabs in each browser, each reused for one job after another.
 * Tabs run no JavaScript and load nothing from outside the site. A tab that fails is closed
 * and replaced, so one bad handout cannot spoil the next; its new tab is opened in the source's
 * current browser, so after a crash the handout is tried again in a new browser.
 */
export async function printPdfs(
  browsers: Browser | BrowserSource | readonly (Browser | BrowserSource)[],
  jobs: readonly PrintJob[],
  options: PrintOptions,
): Promise<PrintOutcome[]> {
  const pool = (Array.isArray(browsers) ? (browsers as readonly (Browser | BrowserSource)[]) : [browsers as Browser | BrowserSource]).map(
    (browser) => (isBrowserSource(browser) ? browser : fixedBrowser(browser)),
  );
  const outcomes: PrintOutcome[] = [];
  // PDFs printed but not yet written; bounded, so a slow disk cannot pile them up in memory.
  const finishing = new Set<Promise<void>>();
  let next = 0;
  const printOnTab = async (tabIndex: number) => {
    const source = pool[tabIndex % pool.length] as BrowserSource;
    let tab: Tab | undefined;
    try {
      while (next < jobs.length && !options.signal?.aborted) {
        const index = next++;
        const job = jobs[index] as PrintJob;
        // A crashed or hung tab is replaced and the handout tried once more before it counts as failed.
        let rendered: Rendered | undefined;
        let failure: unknown;
        for (let attempt = 1; attempt <= 2 && !rendered && !options.signal?.aborted; attempt++) {
          try {
            tab ??= await openTab(await source.current(), options);
            tab.loaded = [];
            tab.blocked = [];
            rendered = await withTimeout(
              renderPdf(tab, job, options),
              options.timeoutMs,
              `took longer than ${options.timeoutMs / 1000} s to print`,
            );
          } catch (error) {
            failure = error;
            await tab?.close().catch(() => undefined);
            tab = undefined;
          }
        }
        // The tab moves on to the next handout while this PDF is stamped and written.
        const finished = (rendered ? finishPdf(job, rendered, options) : Promise.reject(failure)).then(
          (outcome) => outcome,
          (error: unknown): PrintOutcome => ({ job, ok: false, error: error instanceof Error ? error.message : String(error) }),
        );
        const done: Promise<void> = finished.then((outcome) => {
          outcomes[index] = outcome;
          options.onOutcome?.(outcome);
          finishing.delete(done);
        });
        finishing.add(done);
        while (finishing.size >= 2 * options.concurrency) await Promise.race(finishing);
      }
    } finally {
      await tab?.close().catch(() => undefined);
    }
  };
  const tabs = Math.max(1, Math.min(options.concurrency * pool.length, jobs.length));
  await Promise.all(Array.from({ length: tabs }, (_unused, tabIndex) => printOnTab(tabIndex)));
  await Promise.all([...finishing]);
  return outcomes;
}

async function openTab(browser: Browser, { allowedRoot, baseUrl, lockedDown }: PrintOptions): Promise<Tab> {
  if (lockedDown && baseUrl !== undefined) return openWatchedTab(browser, allowedRoot, baseUrl);
  const page = await browser.newPage();
  const tab: Tab = { page, close: () => page.close(), loaded: [], blocked: [] };
  // Handout pages need no script; clinic text can never run any while printing.
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on("request", (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return;
    const sitePath = sitePathOf(request.url(), allowedRoot, baseUrl);
    if (sitePath !== undefined) {
      tab.loaded.push(sitePath);
      void request.continue();
    } else {
      tab.blocked.push(request.url());
      void request.abort("blockedbyclient");
    }
  });
  return tab;
}

/**
 * A tab of a browser that refuses by itself everything outside the site (launched locked down): it only notes
 * what each page asks for. Each tab has a browser context of its own, so a page never shares a file another
 * tab is still loading (it would not see that request) and the files it loaded are all on its list.
 */
async function openWatchedTab(browser: Browser, allowedRoot: string, baseUrl: string): Promise<Tab> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const tab: Tab = { page, close: () => context.close(), loaded: [], blocked: [] };
  await page.setJavaScriptEnabled(false);
  // Chromium asks for the site's /favicon.ico by itself: not a file the page loads.
  const icon = new URL("/favicon.ico", baseUrl).href;
  page.on("request", (request: HTTPRequest) => {
    const url = request.url();
    if (url === icon && request.resourceType() === "other") return;
    const sitePath = sitePathOf(url, allowedRoot, baseUrl);
    if (sitePath !== undefined) tab.loaded.push(sitePath);
    else tab.blocked.push(url);
  });
  return tab;
}

/** The site-relative path a request asks for, or undefined when it leaves the site (and must be blocked). */
function sitePathOf(url: string, root: string, baseUrl: string | undefined): string | undefined {
  if (baseUrl !== undefined) {
    if (!url.startsWith(baseUrl)) return undefined;
    const pathname = new URL(url).pathname;
    // A malformed %-escape names no file of the site (the server answers 404): kept as written.
    const sitePath = decodeOrKeep(pathname).slice(new URL(baseUrl).pathname.length);
    return sitePath.split("/").includes("..") ? undefined : sitePath;
  }
  return isInsideFolder(url, root) ? path.relative(root, fileURLToPath(url)).split(path.sep).join("/") : undefined;
}

function decodeOrKeep(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/** Only `file:` URLs of files inside `folder`: no network, no other files of this machine. */
export function isInsideFolder(url: string, folder: string): boolean {
  if (!url.startsWith("file:")) return false;
  try {
    const file = path.resolve(fileURLToPath(url));
    return file.startsWith(path.resolve(folder) + path.sep);
  } catch {
    return false;
  }
}

function withTimeout<T>(work: Promise<T>, milliseconds: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), milliseconds);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function urlOf(htmlFile: string, { allowedRoot, baseUrl }: PrintOptions): string {
  if (baseUrl === undefined) return pathToFileURL(htmlFile).href;
  return new URL(path.relative(allowedRoot, htmlFile).split(path.sep).map(encodeURIComponent).join("/"), baseUrl).href;
}

/** What Chromium gave for a handout: the PDF's bytes and what the page loaded. */
interface Rendered {
  printed: Uint8Array;
  headings: string[];
  links: LinkText[];
  loaded: string[];
  blocked: string[];
  started: number;
}

/** Load a handout in a tab and print it: the part that needs the browser. */
async function renderPdf({ page, loaded, blocked }: Tab, job: PrintJob, options: PrintOptions): Promise<Rendered> {
  const started = performance.now();
  await page.goto(urlOf(job.htmlFile, options), { waitUntil: "load", timeout: options.timeoutMs });
  // One round trip (DevTools evaluation runs even with the page's JavaScript off): wait for the fonts, or a PDF falls
  // back to another typeface; drop links to other files of the site, which on paper would be file:// paths of this
  // machine; and read the headings, to mend the bookmarks, and the links' texts, to describe them (PDF/UA).
  const { headings, links } = await page.evaluate(async () => {
    // The running footer is set in @page margin boxes, and the browser does not wait for the fonts their text
    // needs: a Chinese title set bold on the page could lose its regular-weight footer. Load them first. (A page
    // loaded from a file may not read its stylesheets; it is printed as before.)
    const footerFonts: Promise<unknown>[] = [];
    for (const sheet of document.styleSheets) {
      let rules: CSSRuleList;
      try {
        rules = sheet.cssRules;
      } catch {
        continue;
      }
      for (const rule of rules) {
        if (!(rule instanceof CSSPageRule)) continue;
        for (const margin of rule.cssRules) {
          const { content, fontFamily, fontWeight, fontStyle } = (margin as CSSStyleRule).style;
          const font = `${fontStyle || "normal"} ${fontWeight || "400"} 16px ${fontFamily}`;
          if (content && fontFamily) footerFonts.push(document.fonts.load(font, `${content}0123456789`).catch(() => []));
        }
      }
    }
    await Promise.all(footerFonts);
    await document.fonts.ready;
    for (const link of document.querySelectorAll("a[href]")) {
      if (!/^(?:https?:|tel:|mailto:)/i.test(link.getAttribute("href") ?? "")) link.removeAttribute("href");
    }
    return {
      headings: [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((heading) => heading.textContent ?? ""),
      links: [...document.querySelectorAll<HTMLAnchorElement>("a[href]")].map((link) => ({
        href: link.href,
        text: (link.textContent || [...link.querySelectorAll("img[alt]")].map((image) => image.getAttribute("alt")).join(" "))
          .replace(/\s+/g, " ")
          .trim(),
      })),
    };
  });
  const printed = await page.pdf({ ...PDF_OPTIONS, timeout: options.timeoutMs });
  return { printed, headings, links, loaded: [...loaded], blocked: [...blocked], started };
}

/** Stamp, check and write a printed PDF in a worker thread while the tab prints the next one. */
async function finishPdf(job: PrintJob, rendered: Rendered, options: PrintOptions): Promise<PrintOutcome> {
  const finished = await finishInWorker({
    printed: rendered.printed,
    metadata: { ...job.metadata, headings: rendered.headings, links: rendered.links },
    pdfFile: job.pdfFile,
    maxPages: options.maxPages,
    ...(job.thumbnailFile ? { thumbnailFile: job.thumbnailFile } : {}),
    ...(job.onePage ? { onePage: job.onePage } : {}),
  });
  return {
    job,
    ok: true,
    ...finished,
    milliseconds: Math.round(performance.now() - rendered.started),
    blocked: rendered.blocked,
    loaded: rendered.loaded,
    cached: false,
    thumbnail: job.thumbnailFile !== undefined,
  };
}
