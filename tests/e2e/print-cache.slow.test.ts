import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildOptions } from "../../src/build.ts";
import { DEFAULT_LIBRARY } from "../../src/package.ts";
import { closeBrowser, launchBrowser } from "../../src/printing/launch-browser.ts";
import { PrintCache } from "../../src/printing/print-cache.ts";
import { FIXTURES, tempDir } from "../helpers/temp-data.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await closeBrowser(browser);
});

/**
 * A copy of the fixtures (in English only: two clinics, three handouts, six PDFs) and of the handout library, to
 * change between builds.
 */
async function workspace() {
  const root = await tempDir();
  const dataDir = path.join(root, "data");
  await cp(path.join(FIXTURES, "basic"), dataDir, { recursive: true });
  const lakesideFile = path.join(dataDir, "clinics", "lakeside.json");
  await writeFile(lakesideFile, JSON.stringify({ ...JSON.parse(await readFile(lakesideFile, "utf8")), languages: ["en"] }));
  const library = { handoutsDir: path.join(root, "handouts"), contentDir: path.join(root, "content") };
  await cp(DEFAULT_LIBRARY.handoutsDir, library.handoutsDir, { recursive: true });
  await cp(DEFAULT_LIBRARY.contentDir, library.contentDir, { recursive: true });
  const options: BuildOptions = { dataDir, outDir: path.join(root, "site"), cacheDir: path.join(root, "cache"), library, browser };
  return { dataDir, library, options };
}

/** Build, and list the handouts that were printed (not reused from the cache). */
async function printedBy(options: BuildOptions): Promise<string[]> {
  const printed: string[] = [];
  const result = await build({
    ...options,
    onPrinted: (outcome) =>
      outcome.ok && !outcome.cached ? printed.push(outcome.job.pdfFile.replace(/^.*\.building-\d+\//, "")) : undefined,
  });
  expect(result.failures).toEqual([]);
  return printed.sort();
}

const EVERY_PDF = [
  "hilltop/en/infusion-what-to-expect.large-print.pdf",
  "hilltop/en/infusion-what-to-expect.pdf",
  "lakeside/en/getting-ready-checklist.large-print.pdf",
  "lakeside/en/getting-ready-checklist.pdf",
  "lakeside/en/ketamine-infusion.large-print.pdf",
  "lakeside/en/ketamine-infusion.pdf",
];

describe("the print cache", () => {
  it("drops only the files it stored itself when it saves", async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, "pdfs"));
    const unused = `${"a".repeat(64)}.pdf`;
    await writeFile(path.join(dir, "pdfs", unused), "%PDF- no longer used");
    await writeFile(path.join(dir, "pdfs", "my-notes.pdf"), "someone's own file");
    await (await PrintCache.open(dir, "salt", await tempDir())).save();
    expect(await readdir(path.join(dir, "pdfs"))).toEqual(["my-notes.pdf"]);
  });
});

// One workspace, printed in full once, for the tests below, each going on from where the one before left it (they
// were tests of their own that each began by printing every handout of a workspace of their own).
describe("the print cache, over the builds of one workspace", () => {
  let work: Awaited<ReturnType<typeof workspace>>;
  beforeAll(async () => {
    work = await workspace();
  });

  it("prints nothing the second time, and only the changed clinic's handouts after an edit", async () => {
    const { dataDir, options } = work;
    expect(await printedBy(options)).toEqual(EVERY_PDF);
    const first = await readFile(path.join(options.outDir ?? "", "manifest.json"), "utf8");
    expect(await printedBy(options)).toEqual([]);
    expect(await readFile(path.join(options.outDir ?? "", "manifest.json"), "utf8")).toBe(first);
    const file = path.join(dataDir, "clinics", "hilltop.json");
    const clinic = JSON.parse(await readFile(file, "utf8"));
    clinic.contact.phone = "+44 20 7946 0999";
    await writeFile(file, JSON.stringify(clinic));
    expect(await printedBy(options)).toEqual([
      "hilltop/en/infusion-what-to-expect.large-print.pdf",
      "hilltop/en/infusion-what-to-expect.pdf",
    ]);
  });

  it("reprints exactly the handouts that use a changed shared section", async () => {
    const { library, options } = work;
    // "before-your-visit" is in the ketamine handout and the all-in-one, not in the checklist.
    const section = path.join(library.contentDir, "en", "sections", "before-your-visit.md");
    await writeFile(section, (await readFile(section, "utf8")).replace("Bring the list with you.", "Bring the list to every visit."));
    expect(await printedBy(options)).toEqual([
      "hilltop/en/infusion-what-to-expect.large-print.pdf",
      "hilltop/en/infusion-what-to-expect.pdf",
      "lakeside/en/ketamine-infusion.large-print.pdf",
      "lakeside/en/ketamine-infusion.pdf",
    ]);
  });

  it("keeps the other clinics' PDFs when a build looks at one clinic, so the next full build reprints nothing", async () => {
    const { options } = work;
    expect(await printedBy({ ...options, select: { clinics: ["hilltop"] } })).toEqual([]);
    expect(await printedBy(options)).toEqual([]);
  });

  it("drops a PDF no build has used for 90 days", async () => {
    const { options } = work;
    const indexFile = path.join(options.cacheDir as string, "index.json");
    const index = JSON.parse(await readFile(indexFile, "utf8"));
    const stale = Object.keys(index.entries).filter((htmlPath) => htmlPath.startsWith("lakeside/"));
    expect(stale).toHaveLength(4);
    for (const htmlPath of stale) index.entries[htmlPath].lastUsed = "2000-01-01";
    await writeFile(indexFile, JSON.stringify(index));
    expect(await printedBy({ ...options, select: { clinics: ["hilltop"] } })).toEqual([]);
    const after = JSON.parse(await readFile(indexFile, "utf8"));
    expect(Object.keys(after.entries).sort()).toEqual(
      Object.keys(index.entries)
        .filter((htmlPath) => !stale.includes(htmlPath))
        .sort(),
    );
    expect(await printedBy(options)).toEqual(EVERY_PDF.filter((pdf) => pdf.startsWith("lakeside/")));
  });

  it("prints everything again without the cache", async () => {
    const { options } = work;
    expect(await printedBy({ ...options, cacheDir: false })).toEqual(EVERY_PDF);
  });
});
