import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../src/build.ts";
import { checkLayout } from "../../src/printing/layout-check.ts";
import { PACKAGE_ROOT } from "../../src/package.ts";
import { launchBrowser } from "../../src/printing/launch-browser.ts";
import { pdfUaFacts } from "../helpers/pdf-ua-facts.ts";
import { endsOnAvoidableEmptyPage, measurePageFill, NEARLY_EMPTY, type ClosingBlock, type PageFill } from "../../src/printing/page-fill.ts";
import { EXAMPLE_CLINICS, tempDir } from "../helpers/temp-data.ts";

// `npm run test:slow`: every PDF of the shipped examples, in every language and
// size, printed afresh and read back: the one-page sheets, the layout check, PDF/UA-1 and how full the pages are.
// About 130 PDFs, which is why it is not part of `npm test`'s quick loop.

let browser: Browser;
let siteDir: string;
let result: BuildResult;

// The examples, and an A4 copy of the clinic with every language holding only its one-page sheets, so that those
// print in every language on both papers (the examples have only English on A4). Printed once for all the checks here.
const A4_CLINIC = "riverside-a4";
const ONE_PAGE_SHEETS = ["getting-ready-checklist", "pain-diary"];
const LANGUAGES = ["en", "es", "zh-Hans", "vi", "ar"];

beforeAll(async () => {
  browser = await launchBrowser();
  const work = await tempDir();
  const dataDir = path.join(work, "data");
  await cp(path.join(PACKAGE_ROOT, "data"), dataDir, { recursive: true });
  const riverside = JSON.parse(await readFile(path.join(dataDir, "clinics", "riverside-pain.json"), "utf8")) as Record<string, unknown>;
  const a4 = { ...riverside, paper: "A4", languages: LANGUAGES, handouts: ONE_PAGE_SHEETS };
  await writeFile(path.join(dataDir, "clinics", `${A4_CLINIC}.json`), JSON.stringify(a4, null, 2));
  siteDir = path.join(work, "site");
  result = await build({
    dataDir,
    select: { clinics: [...EXAMPLE_CLINICS, A4_CLINIC] },
    outDir: siteDir,
    browser,
    cacheDir: path.join(work, "cache"),
  });
  expect(result.failures).toEqual([]);
}, 900_000); // about 130 PDFs printed afresh

describe("the examples' PDFs", () => {
  it("print every one-page sheet on one page, with the language help on its back, in every language", () => {
    const sheets = result.manifest.handouts.filter((entry) => entry.handout === "getting-ready-checklist" && entry.variant === "standard");
    expect(sheets.map((entry) => `${entry.clinic}/${entry.lang}`)).toEqual(
      expect.arrayContaining(["riverside-pain/vi", "riverside-pain/ar"]),
    );
    // The taglines begin a page of their own: two pages mean the front fitted on one.
    for (const entry of sheets) expect(entry.pages, entry.pdf).toBe(2);
  });
});

afterAll(async () => {
  await browser?.close();
});

// PDF/UA-1 as veraPDF checks it (7.1-3 artifacts, 7.1-5 RoleMap, 7.1-8/5-1/7.1-9 XMP, 7.18.1-2 and 7.18.5-2 link
// descriptions, 7.2-20 list items), and WCAG's figure boxes, read back with pdf-lib from every example PDF.
describe("the examples' PDFs", () => {
  it("have no text over other text, off the page or at the paper's edge (the build's layout check, and again here)", async () => {
    expect(result.warnings.filter((warning) => / page \d+: /.test(warning))).toEqual([]);
    for (const entry of result.manifest.handouts.filter((_entry, index) => index % 6 === 0)) {
      expect(await checkLayout(path.join(siteDir, entry.pdf)), entry.pdf).toEqual([]);
    }
  });

  it("claim PDF/UA-1 in XMP metadata with their title, language and fixed dates, and meet what it asks of their structures", async () => {
    expect(result.manifest.handouts.length).toBeGreaterThanOrEqual(128); // every example, every language, both sizes, and the A4 sheets
    for (const entry of result.manifest.handouts) {
      const facts = await pdfUaFacts(path.join(siteDir, entry.pdf));
      expect(facts.xmp, entry.pdf).toContain("<pdfuaid:part>1</pdfuaid:part>");
      expect(facts.xmp, entry.pdf).toContain(`<dc:language><rdf:Bag><rdf:li>${entry.lang}</rdf:li></rdf:Bag></dc:language>`);
      expect(facts.xmp, entry.pdf).toContain(`<rdf:li xml:lang="x-default">${entry.title.replace(/&/g, "&#38;")}</rdf:li>`);
      expect(facts.xmp, entry.pdf).toContain(`<xmp:ModifyDate>${entry.reviewed}T00:00:00Z</xmp:ModifyDate>`);
      expect(facts.unmappedTypes, entry.pdf).toEqual([]);
      expect(facts.roleMap, entry.pdf).toMatchObject({ Strong: "Span" });
      expect(facts.linkDescriptions.length, entry.pdf).toBeGreaterThan(0);
      // Every link says where it leads in words, none by a bare web address.
      for (const description of facts.linkDescriptions) expect(description, entry.pdf).toMatch(/^(?!https?:\/\/)\S/);
      expect(facts.listItemKids, entry.pdf).toEqual([]);
      expect(facts.figures, entry.pdf).toBeGreaterThan(0);
      expect(facts.figuresWithoutBox, entry.pdf).toBe(0);
      expect(facts.untaggedPainting, entry.pdf).toEqual(facts.untaggedPainting.map(() => 0));
      expect(facts.forbiddenUnicode, entry.pdf).toBe(0);
    }
  });
});

/** The headings around the closing block in a language (see ClosingBlock). */
async function closingBlockIn(lang: string): Promise<ClosingBlock> {
  const file = path.join(PACKAGE_ROOT, "templates", "content", lang, "strings.json");
  const { ui } = JSON.parse(await readFile(file, "utf8")) as { ui: { contactTitle: string; languageHelp: string } };
  return { after: ui.contactTitle, before: [ui.languageHelp] };
}

const describeFill = (fill: PageFill) =>
  `${fill.pages} pages, the last ${pct(fill.fills.at(-1))} full, its text ${pct(fill.lastPageSpan)} of a page, ${pct(fill.roomBeforeLastPage)} left blank on the page before`;
const pct = (share = 0) => `${Math.round(share * 100)} %`;

describe("how full the examples' pages are", () => {
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
