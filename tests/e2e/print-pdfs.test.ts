import { execFileSync } from "node:child_process";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/package.ts";
import { closeBrowser, launchBrowser } from "../../src/printing/launch-browser.ts";
import { serveSite, usesProxy } from "../../src/printing/site-server.ts";
import { isInsideFolder, printPdfs, type PrintJob, type PrintOptions } from "../../src/printing/print-pdfs.ts";
import { pdfUaFacts } from "../helpers/pdf-ua-facts.ts";
import { readPdf } from "../helpers/read-pdf.ts";
import { recordingServer } from "../helpers/recording-server.ts";
import { tempDir } from "../helpers/temp-data.ts";

let browser: Browser;
let site: string;
let server: Awaited<ReturnType<typeof recordingServer>>;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await recordingServer();
  site = path.join(await tempDir(), "site");
  await mkdir(site);
});

afterAll(async () => {
  await closeBrowser(browser);
  await server?.close();
});

const metadata = { title: "T", author: "A", subject: "S", keywords: ["k"], lang: "en", date: new Date("2026-01-01T00:00:00Z") };

async function job(name: string, html: string): Promise<PrintJob> {
  const htmlFile = path.join(site, `${name}.html`);
  await writeFile(htmlFile, html);
  return { htmlFile, pdfFile: path.join(site, `${name}.pdf`), metadata };
}

const options = (overrides: Partial<PrintOptions> = {}): PrintOptions => ({
  concurrency: 2,
  timeoutMs: 5_000,
  maxPages: 40,
  allowedRoot: site,
  ...overrides,
});

/** A page that tries to fetch from the recording server, read a file of this machine and run a script. */
const hostilePage = (importUrl: string, more = "") =>
  `<!doctype html><html lang="en"><head><title>T</title>
  <style>body { background: url("${server.url}/css-exfiltration?secret=1"); } @import url("${importUrl}");</style>
  <link rel="stylesheet" href="${server.url}/style.css"></head>
  <body><h1>Visible text</h1><img src="${server.url}/pixel.png"><iframe src="file:///etc/passwd"></iframe>
  <img src="../outside.png">${more}<script>fetch("${server.url}/script"); document.body.append("SCRIPT RAN");</script></body></html>`;

/** The hostile page's own text is printed, and nothing its script or the machine's files would have added. */
async function expectPrintedAlone(pdfFile: string): Promise<void> {
  const pdf = await readPdf(pdfFile);
  expect(pdf.text).toContain("Visible text");
  expect(pdf.text).not.toContain("SCRIPT RAN");
  expect(pdf.text).not.toMatch(/root:x:0:0/);
}

describe("printPdfs", () => {
  it("prints a hostile page without fetching anything from outside the site, and reports each blocked request", async () => {
    const hostile = await job("hostile", hostilePage(`${server.url}/import.css`));
    const [outcome] = await printPdfs(browser, [hostile], options());
    expect(outcome?.ok).toBe(true);
    expect(server.requests).toEqual([]);
    if (!outcome?.ok) return;
    expect(outcome.blocked).toEqual(expect.arrayContaining([`${server.url}/style.css`, `${server.url}/pixel.png`, "file:///etc/passwd"]));
    await expectPrintedAlone(hostile.pdfFile);
  });

  it("prints a hostile page in a browser launched locked down (the site's server its only proxy), reporting each refused request", async () => {
    const hostile = await job(
      "hostile-locked",
      hostilePage("https://example.org/import.css", `<img src="missing.png"><img src="bad%E0%A4%A.png">`),
    );
    const siteServer = await serveSite(site);
    const locked = await launchBrowser({ proxy: siteServer.baseUrl.replace(/\/$/, "") });
    try {
      // The build checks that the proxy holds before it relies on it (a browser policy could override the flags).
      expect(await usesProxy(locked, siteServer)).toBe(true);
      expect(await usesProxy(browser, siteServer)).toBe(false);
      const [outcome] = await printPdfs(locked, [hostile], options({ baseUrl: siteServer.baseUrl, lockedDown: true }));
      expect(outcome?.ok).toBe(true);
      expect(server.requests).toEqual([]); // a loopback server too: the proxy refused it
      if (!outcome?.ok) return;
      expect(outcome.blocked).toEqual(expect.arrayContaining([`${server.url}/style.css`, `${server.url}/pixel.png`]));
      // Files of the site only (broken links among them, one with a malformed %-escape); never the browser's own icon.
      expect(outcome.loaded.sort()).toEqual(["bad%E0%A4%A.png", "hostile-locked.html", "missing.png", "outside.png"]);
      await expectPrintedAlone(hostile.pdfFile);
    } finally {
      await closeBrowser(locked);
      await siteServer.close();
    }
  });

  it("fails a page that never finishes loading after the timeout, alone, and prints the rest", async () => {
    const fifo = path.join(site, "never.fifo");
    execFileSync("mkfifo", [fifo]);
    const hanging = await job("hanging", `<!doctype html><html lang="en"><title>T</title><h1>Hangs</h1><img src="never.fifo">`);
    const fine = await job("fine", `<!doctype html><html lang="en"><title>T</title><h1>Fine</h1>`);
    const after = await job("after", `<!doctype html><html lang="en"><title>T</title><h1>After</h1>`);
    const outcomes = await printPdfs(browser, [hanging, fine, after], options({ concurrency: 1, timeoutMs: 1_500 }));
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([false, true, true]);
    expect(outcomes[0]?.ok === false && outcomes[0].error).toMatch(/timeout|took longer than 1\.5 s/i);
    expect((await readPdf(after.pdfFile)).text).toContain("After");
    await writeFile(fifo, ""); // lets the stuck read in Chromium finish
  });

  it("checks every PDF it prints: text over text is found and named by page; links get their text as description; PDF/UA-1 is claimed", async () => {
    const overlapping = await job(
      "overlapping",
      `<!doctype html><html lang="en"><title>T</title><style>@page { margin: 20mm; } p { position: absolute; top: 30mm; left: 30mm; margin: 0; font: 14pt sans-serif; }</style>
      <h1>Heading</h1><p>Words printed here</p><p style="top: 31mm">and over them</p><p style="top: 80mm"><a href="tel:5550102000">(555) 010-2000</a></p>`,
    );
    const [outcome] = await printPdfs(browser, [overlapping], options());
    if (!outcome?.ok) throw new Error("not printed");
    expect(outcome.checks.layout).toEqual([{ page: 1, kind: "overlap", text: "Words printed here", other: "and over them" }]);
    expect(outcome.checks.pdfUa).toBe(true);
    const bytes = await readFile(overlapping.pdfFile, "latin1");
    expect(bytes).toContain("<pdfuaid:part>1</pdfuaid:part>");
    expect(bytes).toContain("/Contents (\\(555\\) 010-2000)");
  });

  it("prints Arabic to PDF/UA-1: its footer an artifact, no glyph mapped to U+0000, tags, /Lang, title, bookmarks and XMP kept, same bytes twice", async () => {
    // Noto Sans Arabic draws dots and marks as glyphs of their own, which Skia maps to U+0000 in the ToUnicode
    // CMap, and writes ReversedChars and ActualText marked content around the untagged footer's text.
    await copyFile(
      path.join(PACKAGE_ROOT, "node_modules/@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2"),
      path.join(site, "arabic.woff2"),
    );
    const html = `<!doctype html><html lang="ar" dir="rtl"><title>يوميات ألمي</title><style>
      @font-face { font-family: A; src: url(arabic.woff2); }
      @page { margin: 20mm; @bottom-center { content: "يوميات ألمي، صفحة " counter(page); font: 10pt A; } }
      body { font: 14pt A; }</style>
      <h1>يوميات ألمي</h1><p>سجّل ألمك كل يوم، واكتب ما يخففه وما يزيده، ثم تحدث إلى طبيبك.</p><h2>الأدوية</h2><p>تيسير بيت ثلاثة نون.</p>`;
    const arabic = { ...(await job("arabic", html)), metadata: { ...metadata, title: "يوميات ألمي", lang: "ar" } };
    const again = { ...arabic, pdfFile: path.join(site, "arabic-again.pdf") };
    const outcomes = await printPdfs(browser, [arabic, again], options());
    expect(outcomes.map((outcome) => outcome.ok && outcome.checks.pdfUa)).toEqual([true, true]);
    const facts = await pdfUaFacts(arabic.pdfFile);
    expect(facts.forbiddenUnicode).toBe(0);
    expect(facts.untaggedPainting).toEqual([0]);
    expect(facts.unmappedTypes).toEqual([]);
    expect(facts.xmp).toContain('<rdf:li xml:lang="x-default">يوميات ألمي</rdf:li>');
    expect(facts.xmp).toContain("<dc:language><rdf:Bag><rdf:li>ar</rdf:li></rdf:Bag></dc:language>");
    expect(facts.xmp).toContain("<pdfuaid:part>1</pdfuaid:part>");
    const document = await PDFDocument.load(await readFile(arabic.pdfFile), { updateMetadata: false });
    expect(document.catalog.lookup(PDFName.of("Lang"), PDFString).decodeText()).toBe("ar");
    expect(document.getTitle()).toBe("يوميات ألمي");
    const root = document.catalog.lookup(PDFName.of("StructTreeRoot"), PDFDict);
    expect(root.lookup(PDFName.of("ParentTree"), PDFDict)).toBeDefined();
    const bookmark = document.catalog.lookup(PDFName.of("Outlines"), PDFDict).lookup(PDFName.of("First"), PDFDict);
    expect(bookmark.lookup(PDFName.of("Title"), PDFString, PDFHexString).decodeText()).toBe("يوميات ألمي");
    expect(await readFile(again.pdfFile)).toEqual(await readFile(arabic.pdfFile));
  });

  it("fails a handout that prints to more pages than the limit", async () => {
    const runaway = await job(
      "runaway",
      `<!doctype html><html lang="en"><title>T</title>${"<p style='break-after: page'>page</p>".repeat(12)}`,
    );
    const [outcome] = await printPdfs(browser, [runaway], options({ maxPages: 5 }));
    expect(outcome?.ok === false && outcome.error).toBe("printed 12 pages, more than the limit of 5");
    await expect(readFile(runaway.pdfFile)).rejects.toThrow(/ENOENT/);
  });
});

describe("a one-page sheet", () => {
  it("fails when it prints on more than one page, naming the page count", async () => {
    const sheet = {
      ...(await job("sheet", `<!doctype html><html lang="en"><title>T</title><p style="break-after: page">one</p><p>two</p>`)),
      onePage: { back: false },
    };
    const [outcome] = await printPdfs(browser, [sheet], options());
    expect(outcome?.ok === false && outcome.error).toBe(
      "printed on 2 pages, but it is a one-page sheet; shorten the clinic's notes or contact details",
    );
  });

  it("may use its back for the language help, but no third page", async () => {
    const page = (text: string) => `<p style="break-after: page">${text}</p>`;
    const html = (n: number) =>
      `<!doctype html><html lang="en"><title>T</title>${["front", "back", "more"].slice(0, n).map(page).join("")}`;
    const twoSided = { ...(await job("two-sided", html(2))), onePage: { back: true } };
    const threePages = { ...(await job("three-pages", html(3))), onePage: { back: true } };
    const [fits, overflows] = await printPdfs(browser, [twoSided, threePages], options());
    expect(fits?.ok).toBe(true);
    expect(overflows?.ok === false && overflows.error).toMatch(
      /^printed on 3 pages, but it is a one-page sheet \(with the language help on its back\)/,
    );
  });
});

describe("isInsideFolder", () => {
  it("allows only file URLs inside the folder", () => {
    expect(isInsideFolder("file:///site/a/b.css", "/site")).toBe(true);
    expect(isInsideFolder("file:///site/../etc/passwd", "/site")).toBe(false);
    expect(isInsideFolder("file:///site-other/x", "/site")).toBe(false);
    expect(isInsideFolder("http://127.0.0.1/x", "/site")).toBe(false);
    expect(isInsideFolder("data:text/css,x", "/site")).toBe(false);
  });
});
