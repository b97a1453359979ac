import { access } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadInputs } from "../../src/load-inputs.ts";
import { closeBrowser, launchBrowser } from "../../src/printing/launch-browser.ts";
import { printHandouts } from "../../src/printing/print-handouts.ts";
import { renderSiteInBatches } from "../../src/render/render-site.ts";
import type { HandoutPage } from "../../src/render/site-data.ts";
import { dataFolder, tempDir, validClinic } from "../helpers/temp-data.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await closeBrowser(browser);
});

describe("printHandouts", () => {
  it("prints batches of pages as they are rendered, giving outcomes in the order of the pages", async () => {
    // One clinic, one language, its two one-page sheets: four pages, so batches of three and one.
    const clinic = { ...validClinic(), handouts: ["getting-ready-checklist", "pain-diary"] };
    const inputs = await loadInputs({ dataDir: await dataFolder({ "a.json": clinic }) });
    const siteDir = path.join(await tempDir(), "site");
    const rendered: (readonly HandoutPage[])[] = [];
    async function* recorded() {
      for await (const batch of renderSiteInBatches(inputs, siteDir, {}, 3)) {
        rendered.push(batch);
        yield batch;
      }
    }
    const outcomes = await printHandouts(recorded(), {
      siteDir,
      browser,
      concurrency: 2,
      timeoutMs: 60_000,
      maxPages: 40,
      cacheDir: false,
    });
    expect(rendered.map((batch) => batch.length)).toEqual([3, 1]);
    expect(outcomes.map((outcome) => outcome.job.htmlFile)).toEqual(
      inputs.site.handoutPages.map((page) => path.join(siteDir, page.htmlPath)),
    );
    for (const outcome of outcomes) {
      expect(outcome.ok).toBe(true);
      await access(outcome.job.pdfFile);
    }
  });
});
