import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../src/build.ts";
import { InputError } from "../../src/errors.ts";
import { loadInputs } from "../../src/load-inputs.ts";
import { launchBrowser } from "../../src/printing/launch-browser.ts";
import { ownContentData } from "../fixtures/own-content.ts";
import { readPdf } from "../helpers/read-pdf.ts";
import { tempDir } from "../helpers/temp-data.ts";

// End to end: a clinic with a handout of its own (hostile text in it) and a visit pack, built with the real
// Eleventy and Chromium, the PDFs read back with a PDF parser. English only, short handouts, no taglines: cheap.
const PACK = { id: "first-visit", title: { en: "Your first visit" }, handouts: ["our-suite", "getting-ready-checklist"] };

let browser: Browser;
let outDir: string;
let result: BuildResult;

async function packData(bundles: unknown[] = [PACK]): Promise<string> {
  const dataDir = await ownContentData();
  const file = path.join(dataDir, "clinics", "own.json");
  const clinic = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
  await writeFile(file, JSON.stringify({ ...clinic, languageNotice: false, handouts: ["getting-ready-checklist", "our-suite"], bundles }));
  return dataDir;
}

beforeAll(async () => {
  browser = await launchBrowser();
  outDir = path.join(await tempDir(), "site");
  result = await build({
    dataDir: await packData(),
    outDir,
    browser,
    concurrency: 2,
    cacheDir: false,
    select: { clinics: ["own"] },
    asOf: "2026-12-01",
  });
});

afterAll(async () => {
  await browser?.close();
});

/** Each page's text, and the top-level bookmarks with the page each leads to. */
async function pagesAndBookmarks(file: string): Promise<{ pages: string[]; bookmarks: { title: string; page: number }[] }> {
  const pdf = await getDocument({ data: new Uint8Array(await readFile(file)), disableFontFace: true, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const content = await (await pdf.getPage(number)).getTextContent();
      pages.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : " ") : "")).join(""));
    }
    const bookmarks = await Promise.all(
      ((await pdf.getOutline()) ?? []).map(async (item) => {
        const destination = typeof item.dest === "string" ? await pdf.getDestination(item.dest) : item.dest;
        const page = destination ? (await pdf.getPageIndex(destination[0] as { num: number; gen: number })) + 1 : 0;
        return { title: item.title, page };
      }),
    );
    return { pages, bookmarks };
  } finally {
    await pdf.destroy();
  }
}

describe("a visit pack", () => {
  it("is printed as one PDF per print size, its handouts each starting a new page, with a bookmark per handout", async () => {
    const suite = await readPdf(path.join(outDir, "own/en/our-suite.pdf"));
    const checklist = await readPdf(path.join(outDir, "own/en/getting-ready-checklist.pdf"));
    const file = path.join(outDir, "own/en/first-visit.pdf");
    const pack = await readPdf(file);
    expect(pack.pages).toBe(suite.pages + checklist.pages);
    expect(pack).toMatchObject({ title: "Your first visit", author: "Own & Co <Clinic>", lang: "en", tagged: true });
    const { pages, bookmarks } = await pagesAndBookmarks(file);
    expect(bookmarks).toEqual([
      { title: "Our infusion suite", page: 1 },
      { title: checklist.outline[0], page: suite.pages + 1 },
    ]);
    // The suite's last page holds none of the checklist, whose first page holds none of the suite.
    expect(pages[suite.pages - 1]).not.toContain(checklist.outline[0]);
    expect(pages[suite.pages]).toContain(checklist.outline[0]);
    expect(pages[suite.pages]).not.toContain("Where we are");
    // Page numbers run across the pack, and its footer names the pack.
    pages.forEach((text, index) => expect(text).toContain(`Page ${index + 1} of ${pack.pages}`));
    expect(pages.at(-1)).toContain("Your first visit");
  });

  it("prints large print too, with its larger text", async () => {
    const standard = await readPdf(path.join(outDir, "own/en/first-visit.pdf"));
    const large = await readPdf(path.join(outDir, "own/en/first-visit.large-print.pdf"));
    expect(large.bodyFontSize).toBeGreaterThanOrEqual(17);
    expect(large.bodyFontSize).toBeGreaterThan(standard.bodyFontSize);
    expect(large.outline).toContain("Our infusion suite");
  });

  it("keeps the clinic's words as written in print: no HTML, nothing evaluated, placeholders filled, its own picture", async () => {
    const { text, figures } = await readPdf(path.join(outDir, "own/en/first-visit.pdf"));
    // The clinic's picture, rebuilt into its folder of the site, tagged with its description.
    expect(figures).toContain("A map of the car park");
    expect(await readdir(path.join(outDir, "own/pictures"))).toEqual([expect.stringMatching(/^[0-9a-f]{12}\.png$/)]);
    expect(text).toContain("<script>document.title = 'evaluated'</script><b>not bold</b>");
    expect(text).toContain("{{ 7*191 }}");
    expect(text).not.toContain("1337");
    expect(text).toMatch(/Come to Own & Co <Clinic> at 1 Lake Road\. Call \(555\) 010-4242/);
  });

  it("is listed in the manifest as a bundle of its handouts, beside each handout printed alone", () => {
    const entries = result.manifest.handouts.filter((entry) => entry.clinic === "own");
    expect(entries.map((entry) => `${entry.handout} ${entry.variant}`).sort()).toEqual([
      "first-visit large-print",
      "first-visit standard",
      "getting-ready-checklist large-print",
      "getting-ready-checklist standard",
      "our-suite large-print",
      "our-suite standard",
    ]);
    expect(entries.find((entry) => entry.handout === "first-visit" && entry.variant === "standard")).toMatchObject({
      kind: "bundle",
      handouts: ["our-suite", "getting-ready-checklist"],
      title: "Your first visit",
      pdf: "own/en/first-visit.pdf",
      contentVersion: expect.stringMatching(/^[0-9a-f]{8}$/),
    });
    expect(entries.filter((entry) => entry.kind !== undefined)).toHaveLength(2);
  });

  it("has a page of its own whose ids are unique and whose labels point at their own handout's headings", async () => {
    const html = await readFile(path.join(outDir, "own/en/first-visit.html"), "utf8");
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const labels = [...html.matchAll(/aria-labelledby="([^"]+)"/g)].map((match) => match[1]);
    expect(labels).toContain("our-suite--our-suite-where");
    expect(labels).toContain("getting-ready-checklist--contact");
    for (const label of labels) expect(ids).toContain(label);
    expect(html).toContain("<title>Your first visit · Own &#38; Co &#60;Clinic&#62;</title>");
    expect(html).toContain('href="first-visit.print.css"');
    // Without the handouts' download links, whose sizes are filled in after printing: the same page however built.
    expect(html).not.toMatch(/pdf-facts|screen-only downloads/);
  });

  it("is printed only where every one of its handouts is: not in a build of part of them", async () => {
    const dataDir = await packData();
    const part = await loadInputs({ dataDir, asOf: "2026-12-01", select: { handouts: ["our-suite"] } });
    expect(part.site.bundlePages ?? []).toEqual([]);
    const whole = await loadInputs({ dataDir, asOf: "2026-12-01" });
    expect(whole.site.bundlePages?.map((page) => `${page.clinicSlug} ${page.handoutId} ${page.variant}`)).toEqual([
      "own first-visit standard",
      "own first-visit large-print",
    ]);
  });

  it("is offered first on the clinic's page", async () => {
    const html = await readFile(path.join(outDir, "own/index.html"), "utf8");
    const pack = html.indexOf('href="en/first-visit.pdf"');
    expect(pack).toBeGreaterThan(0);
    expect(html).toContain("Print the whole pack (PDF)");
    expect(pack).toBeLessThan(html.indexOf('href="en/our-suite.html"'));
    expect(pack).toBeLessThan(html.indexOf('href="en/getting-ready-checklist.html"'));
  });

  it.each([
    [
      { ...PACK, handouts: ["our-suite", "pain-diary"] },
      /own\.json: bundles\[0\]\.handouts\[1\]: "pain-diary" is not in this clinic's handouts/,
    ],
    [{ ...PACK, id: "our-suite" }, /own\.json: bundles\[0\]\.id: "our-suite" is taken/],
    [
      { ...PACK, handouts: ["our-suite", "no-such-handout"] },
      /own\.json: bundles\[0\]\.handouts\[1\]: "no-such-handout" is not a known handout/,
    ],
  ])("refuses a pack that cannot be printed, naming the file and field", async (bundle, expected) => {
    const attempt = loadInputs({ dataDir: await packData([bundle]), asOf: "2026-12-01" });
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(expected);
  });
});
