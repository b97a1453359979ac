import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../src/build.ts";
import { checkLayout } from "../../src/printing/layout-check.ts";
import { launchBrowser } from "../../src/printing/launch-browser.ts";
import { LIMIT_AFTER_HOURS_PHONE, LIMIT_NAME, LIMIT_PHONE, limitClinic } from "../fixtures/limit-clinic.ts";
import { readPdf } from "../helpers/read-pdf.ts";
import { dataFolder, tempDir } from "../helpers/temp-data.ts";

// `npm run test:slow`. The clinic at every limit of the schema, printed once: both papers, both print sizes, both languages. Every
// note is used by infusion-what-to-expect (seven of them) or infusion-overview (cost); the one-page sheets are
// the checklist (on Letter) and the pain diary (on A4). With 2,000-character notes a one-page sheet may run onto
// a second page; what is checked here is that nothing overlaps or leaves the paper, not that it fits.
let browser: Browser;
let outDir: string;
let result: BuildResult;

beforeAll(async () => {
  browser = await launchBrowser();
  const dataDir = await dataFolder({
    "limit-letter.json": limitClinic("Letter", ["infusion-what-to-expect", "infusion-overview", "getting-ready-checklist"]),
    "limit-a4.json": limitClinic("A4", ["infusion-what-to-expect", "pain-diary"]),
  });
  outDir = path.join(await tempDir(), "site");
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(dataDir, "site.json"), JSON.stringify({ url: "https://handouts.riverside-pain.org/" }));
  result = await build({ dataDir, outDir, browser, cacheDir: false, keepGoing: true, concurrency: 2 });
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe("the limit clinic's PDFs", () => {
  it("are printed on both papers, in both print sizes and languages, apart from a one-page sheet its notes cannot fit", () => {
    // A one-page sheet that does not fit may be a failure of its own (it is reported as such); nothing else may fail.
    expect(result.failures.filter((failure) => !/one-page sheet/i.test(failure.error))).toEqual([]);
    const printed = result.manifest.handouts.map((entry) => `${entry.clinic}/${entry.handout}/${entry.lang}/${entry.variant}`);
    for (const key of ["limit-letter/infusion-what-to-expect", "limit-letter/infusion-overview", "limit-a4/infusion-what-to-expect"]) {
      for (const lang of ["en", "es"])
        for (const variant of ["standard", "large-print"]) expect(printed).toContain(`${key}/${lang}/${variant}`);
    }
  });

  it("have no text over other text, off the page or at the paper's edge, on any page", async () => {
    expect(result.warnings.filter((warning) => / page \d+: /.test(warning))).toEqual([]);
    for (const entry of result.manifest.handouts) expect(await checkLayout(path.join(outDir, entry.pdf)), entry.pdf).toEqual([]);
  });

  it("print both 40-character phone numbers whole, and the full title in the metadata when the footer shortens it", async () => {
    const pdf = await readPdf(path.join(outDir, "limit-letter/es/infusion-what-to-expect.large-print.pdf"));
    const text = pdf.text.replace(/\s+/g, " ");
    for (const phone of [LIMIT_PHONE, LIMIT_AFTER_HOURS_PHONE]) expect(text).toContain(phone);
    expect(text).toContain("Terapia de infusión para el dolor…");
    expect(pdf.title).toBe("Terapia de infusión para el dolor: qué esperar");
    expect(text.replace(/\s+/g, "")).toContain(LIMIT_NAME.replace(/\s+/g, ""));
  });
});
