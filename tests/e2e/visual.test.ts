import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../src/printing/launch-browser.ts";
import { basicSite } from "../helpers/basic-site.ts";

// Looking at the output: PDF pages (pdftoppm) and web pages (Chromium screenshots) rendered to PNG and compared
// with reference images kept in tests/reference. What was rendered, and the differences, land in
// tests/.output/visual to look at. After a deliberate change of layout or content, renew the references with
//   UPDATE_REFERENCES=1 npx vitest run tests/e2e/visual.test.ts
const REFERENCE_DIR = path.join(import.meta.dirname, "..", "reference");
const OUTPUT_DIR = path.join(import.meta.dirname, "..", ".output", "visual");
/** Share of pixels that may differ (anti-aliasing, a font hinting change), and how different a pixel must be to count. */
const TOLERANCE = { pixels: 0.005, colour: 0.1 };

let browser: Browser;
/** The fixture clinics, built once for the run (tests/global-setup.ts); read only. */
const siteDir = basicSite().outDir;

beforeAll(async () => {
  browser = await launchBrowser();
  await mkdir(OUTPUT_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

/** Page `number` of a PDF as a PNG, `dpi` dots per inch. */
async function pdfPage(pdf: string, number: number, dpi: number): Promise<Buffer> {
  const root = path.join(OUTPUT_DIR, `page-${process.pid}`);
  execFileSync("pdftoppm", ["-png", "-r", String(dpi), "-f", String(number), "-l", String(number), "-singlefile", pdf, root]);
  return readFile(`${root}.png`);
}

/** A web page as a phone shows it, top to bottom. */
async function webPage(file: string, width: number): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    // Tall enough that lazy images load too, so the picture does not depend on timing.
    await page.setViewport({ width, height: 4000 });
    await page.goto(`file://${path.join(siteDir, file)}`, { waitUntil: "load" });
    await page.evaluate(() => Promise.all([...document.images].map((image) => image.decode().catch(() => undefined))));
    await page.setViewport({ width, height: 640 });
    return Buffer.from(await page.screenshot({ type: "png", fullPage: true }));
  } finally {
    await page.close();
  }
}

/** Compare a rendering with its reference; write both and their difference for a person to look at. */
async function expectLooksLike(name: string, actual: Buffer): Promise<void> {
  const referenceFile = path.join(REFERENCE_DIR, `${name}.png`);
  await writeFile(path.join(OUTPUT_DIR, `${name}.actual.png`), actual);
  if (process.env.UPDATE_REFERENCES || !existsSync(referenceFile)) {
    if (!process.env.UPDATE_REFERENCES) throw new Error(`no reference image ${referenceFile}; make it with UPDATE_REFERENCES=1`);
    await writeFile(referenceFile, actual);
    return;
  }
  const [want, got] = [PNG.sync.read(await readFile(referenceFile)), PNG.sync.read(actual)];
  expect(`${got.width}×${got.height}`, `${name}: size`).toBe(`${want.width}×${want.height}`);
  const diff = new PNG({ width: want.width, height: want.height });
  const differing = pixelmatch(want.data, got.data, diff.data, want.width, want.height, { threshold: TOLERANCE.colour });
  await writeFile(path.join(OUTPUT_DIR, `${name}.diff.png`), PNG.sync.write(diff));
  expect(differing / (want.width * want.height), `${name}: share of pixels that differ (see ${OUTPUT_DIR})`).toBeLessThanOrEqual(
    TOLERANCE.pixels,
  );
}

describe("the layout, compared with reference images", () => {
  it("first page of a Letter handout in Spanish", async () => {
    await expectLooksLike("pdf-letter-es-ketamine-page-1", await pdfPage(path.join(siteDir, "lakeside/es/ketamine-infusion.pdf"), 1, 40));
  });

  it("the one-page checklist", async () => {
    await expectLooksLike("pdf-letter-en-checklist", await pdfPage(path.join(siteDir, "lakeside/en/getting-ready-checklist.pdf"), 1, 40));
  });

  it("first page of an A4 handout in large print, with its darkened brand colour", async () => {
    await expectLooksLike(
      "pdf-a4-en-large-print-page-1",
      await pdfPage(path.join(siteDir, "hilltop/en/infusion-what-to-expect.large-print.pdf"), 1, 40),
    );
  });

  it("a clinic page on a 320 px phone", async () => {
    await expectLooksLike("web-clinic-320", await webPage("lakeside/index.html", 320));
  });

  it("a handout page on a 320 px phone", async () => {
    await expectLooksLike("web-handout-320", await webPage("lakeside/en/getting-ready-checklist.html", 320));
  });
});
