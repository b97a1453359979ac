import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { PDFDocument, StandardFonts, beginMarkedContent, endMarkedContent, type PDFFont, type PDFPage } from "pdf-lib";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../src/build.ts";
import { PACKAGE_ROOT } from "../../src/package.ts";
import { launchBrowser } from "../../src/printing/launch-browser.ts";
import {
  endsOnAvoidableEmptyPage,
  measurePageFill,
  NEARLY_EMPTY,
  onlyClosingBlockOnLastPage,
  type ClosingBlock,
  type PageFill,
} from "../../src/printing/page-fill.ts";
import { EXAMPLE_CLINICS, tempDir } from "../helpers/temp-data.ts";

/** A Letter page's text area in these test PDFs: from 720 down to 72 points, with the footer below it. */
const [TOP, BOTTOM] = [720, 72];

/** A line of running footer, marked as an artifact as the build marks it. */
function footer(page: PDFPage, font: PDFFont, number: number) {
  page.pushOperators(beginMarkedContent("Artifact"));
  page.drawText(`Page ${number}`, { x: 280, y: 60, size: 10, font }); // its top, and the gap above it, at BOTTOM
  page.pushOperators(endMarkedContent());
}

/** A PDF whose pages hold lines of text from the top of the text area down to the given share of its height. */
async function pagesFilledTo(shares: number[]): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  shares.forEach((share, index) => {
    const page = document.addPage([612, 792]);
    // The first line's top (Helvetica rises 0.72 of its size) at TOP, then a line every 16 points down to the share.
    for (let y = TOP - 9; y >= TOP - share * (TOP - BOTTOM); y -= 16) page.drawText("A line of the handout", { x: 72, y, size: 12, font });
    footer(page, font, index + 1);
  });
  return document.save();
}

describe("measurePageFill", () => {
  it("measures how far down each page's text reaches, leaving out the running footer", async () => {
    const fill = await measurePageFill(await pagesFilledTo([0.95, 0.5, 0.1]));
    expect(fill.pages).toBe(3);
    [0.95, 0.5, 0.1].forEach((share, index) => expect(fill.fills[index]).toBeCloseTo(share, 1));
    expect(fill.roomBeforeLastPage).toBeCloseTo(1 - (fill.fills[1] ?? 0), 5);
  });

  it("finds a nearly empty last page avoidable only when its text would have fitted at the foot of the page before", async () => {
    // Two lines over, and half of the page before blank: only a rule that keeps things together sent them over.
    expect(endsOnAvoidableEmptyPage(await measurePageFill(await pagesFilledTo([0.95, 0.5, 0.1])))).toBe(true);
    // The page before is full: the text ends on a short page because it had to.
    expect(endsOnAvoidableEmptyPage(await measurePageFill(await pagesFilledTo([0.95, 0.97, 0.1])))).toBe(false);
    // A last page a third full is not nearly empty, whatever the page before.
    expect(endsOnAvoidableEmptyPage(await measurePageFill(await pagesFilledTo([0.95, 0.5, 0.34])))).toBe(false);
    expect(endsOnAvoidableEmptyPage(await measurePageFill(await pagesFilledTo([0.1])))).toBe(false);
  });
});

describe("endsOnAvoidableEmptyPage, by where the closing block is", () => {
  const closing: ClosingBlock = { after: "How to reach us", before: ["Language help"] };
  /** Four pages, the last 10 % full and the one before full; the contact block on the given page. */
  const ending = (contactPage: number, more: PageFill["headings"] = []): PageFill => ({
    pages: 4,
    fills: [0.95, 0.96, 0.98, 0.1],
    lastPageSpan: 0.1,
    roomBeforeLastPage: 0.02,
    headings: [{ title: "Side effects", page: 1 }, { title: "How to reach us", page: contactPage }, { title: "Sources", page: 3 }, ...more],
  });

  it("fails a short closing block that went over alone: it began on the page before, and nothing follows it", () => {
    expect(onlyClosingBlockOnLastPage(ending(3), closing)).toBe(true);
    expect(endsOnAvoidableEmptyPage(ending(3), closing)).toBe(true);
    // Headings of right-to-left languages come with their words reversed.
    expect(endsOnAvoidableEmptyPage(ending(3), { after: "reach us How to", before: [] })).toBe(true);
  });

  it("leaves alone the end of a long closing block, of the language help after it, or of the handout's own text", () => {
    expect(endsOnAvoidableEmptyPage(ending(2), closing)).toBe(false);
    expect(endsOnAvoidableEmptyPage(ending(3, [{ title: "Language help", page: 3 }]), closing)).toBe(false);
    expect(onlyClosingBlockOnLastPage(ending(4), closing)).toBe(false);
    expect(endsOnAvoidableEmptyPage(ending(3))).toBe(false);
  });
});

// The examples, and an A4 copy of the clinic with every language, so that the one-page sheets print in every
// language on both papers (the examples have only English on A4).
let browser: Browser;
let siteDir: string;
let result: BuildResult;
const A4_CLINIC = "riverside-a4";
const ONE_PAGE_SHEETS = ["getting-ready-checklist", "pain-diary"];
const LANGUAGES = ["en", "es", "zh-Hans", "vi", "ar"];

/** The headings around the closing block in a language (see ClosingBlock). */
async function closingBlockIn(lang: string): Promise<ClosingBlock> {
  const file = path.join(PACKAGE_ROOT, "templates", "content", lang, "strings.json");
  const { ui } = JSON.parse(await readFile(file, "utf8")) as { ui: { contactTitle: string; languageHelp: string } };
  return { after: ui.contactTitle, before: [ui.languageHelp] };
}

const describeFill = (fill: PageFill) =>
  `${fill.pages} pages, the last ${pct(fill.fills.at(-1))} full, its text ${pct(fill.lastPageSpan)} of a page, ${pct(fill.roomBeforeLastPage)} left blank on the page before`;
const pct = (share = 0) => `${Math.round(share * 100)} %`;

describe("the examples' PDFs", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    const work = await tempDir();
    const dataDir = path.join(work, "data");
    await cp(path.join(PACKAGE_ROOT, "data"), dataDir, { recursive: true });
    const riverside = JSON.parse(await readFile(path.join(dataDir, "clinics", "riverside-pain.json"), "utf8")) as Record<string, unknown>;
    const a4 = { ...riverside, paper: "A4", languages: LANGUAGES, handouts: ONE_PAGE_SHEETS };
    await writeFile(path.join(dataDir, "clinics", `${A4_CLINIC}.json`), JSON.stringify(a4, null, 2));
    siteDir = path.join(work, "site");
    const clinics = [...EXAMPLE_CLINICS, A4_CLINIC];
    result = await build({ dataDir, select: { clinics }, outDir: siteDir, browser, cacheDir: false, keepGoing: true });
  }, 1_200_000); // 128 PDFs printed afresh: several minutes on two cores, more when the machine is busy

  afterAll(async () => {
    await browser?.close();
  });

  it(`never end on a page less than ${NEARLY_EMPTY * 100} % full holding what would have fitted on the page before, or a short closing block alone`, async () => {
    const standard = result.manifest.handouts.filter((entry) => entry.clinic !== A4_CLINIC);
    expect(standard.length).toBeGreaterThan(100);
    const avoidable: string[] = [];
    for (const entry of standard) {
      const fill = await measurePageFill(path.join(siteDir, entry.pdf));
      if (endsOnAvoidableEmptyPage(fill, await closingBlockIn(entry.lang))) avoidable.push(`${entry.pdf}: ${describeFill(fill)}`);
    }
    expect(avoidable).toEqual([]);
  });

  it("print the front of every one-page sheet on one page, in every language on Letter and A4, with the taglines on the back", async () => {
    expect(result.failures).toEqual([]);
    const sheets = result.manifest.handouts.filter((entry) => ONE_PAGE_SHEETS.includes(entry.handout) && entry.variant === "standard");
    const printed = new Set(
      sheets.filter((entry) => ["riverside-pain", A4_CLINIC].includes(entry.clinic)).map((e) => `${e.clinic}/${e.lang}/${e.handout}`),
    );
    for (const clinic of ["riverside-pain", A4_CLINIC])
      for (const lang of LANGUAGES) for (const handout of ONE_PAGE_SHEETS) expect(printed).toContain(`${clinic}/${lang}/${handout}`);
    // The build fails a sheet whose front runs over (see print-pdfs.ts); this says which, and by how much room.
    for (const entry of sheets) {
      const fill = await measurePageFill(path.join(siteDir, entry.pdf));
      expect(fill.pages, `${entry.pdf}: ${describeFill(fill)}`).toBe(2);
    }
  });
});
