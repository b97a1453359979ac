import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.ts";
import { renderReport } from "../../src/output/report.ts";
import { launchBrowser } from "../../src/printing/launch-browser.ts";
import { dataFolder, tempDir, validClinic } from "../helpers/temp-data.ts";

let browser: Browser;
/**
 * One clinic with the one-page checklist: under a limit of two pages its standard print (the sheet, with the
 * language help on its back) prints and its large print (four pages) fails, so one build has both.
 */
let dataDir: string;
beforeAll(async () => {
  browser = await launchBrowser();
  dataDir = await dataFolder({ "a.json": { ...validClinic(), handouts: ["getting-ready-checklist"] } });
});
afterAll(async () => {
  await browser?.close();
});

describe("the build report", () => {
  it("escapes what it shows and puts failures first, in red, with the reason", () => {
    const html = renderReport({
      seconds: 1.25,
      published: true,
      warnings: ["<b>clinic</b> warning"],
      rows: [
        {
          clinic: "a",
          handout: "h",
          lang: "en",
          variant: "standard",
          title: "Fine <i>",
          status: "printed",
          html: "a/en/h.html",
          reviewed: "2026-11-01",
          reviewDue: "2027-11-01",
          contentVersion: "0123abcd",
          pdf: "a/en/h.pdf",
          pages: 2,
          bytes: 4096,
          contrastFixes: [],
          warnings: [],
          milliseconds: 90,
        },
        {
          clinic: "b",
          handout: "h",
          lang: "en",
          variant: "standard",
          title: "Broken",
          status: "failed",
          html: "b/en/h.html",
          reviewed: "2026-11-01",
          reviewDue: "2027-11-01",
          contentVersion: "4567cdef",
          contrastFixes: [],
          warnings: [],
          error: "took longer than 60 s to print",
        },
      ],
    });
    expect(html).toContain("&lt;b&gt;clinic&lt;/b&gt; warning");
    expect(html).toContain("Fine &lt;i&gt;");
    expect(html.indexOf("Broken")).toBeLessThan(html.indexOf("Fine"));
    expect(html).toMatch(/<tr class="failed">[\s\S]*<strong>Failed:<\/strong> took longer than 60 s to print/);
    expect(html).toMatch(/2 handouts: 1 printed, 0 reused from cache,\s+1 failed, in 1\.3 s/);
  });

  it("lists every handout of a --keep-going build and marks the failed ones, as the manifest does", async () => {
    const outDir = path.join(await tempDir(), "site");
    // A two-page limit fails the large print; the standard print of the checklist still prints.
    const result = await build({ dataDir, outDir, browser, cacheDir: false, maxPages: 2, keepGoing: true });
    const manifest = JSON.parse(await readFile(path.join(outDir, "manifest.json"), "utf8"));
    expect(manifest.handouts.map((entry: { handout: string; variant: string }) => `${entry.handout} ${entry.variant}`)).toEqual([
      "getting-ready-checklist standard",
    ]);
    expect(manifest.failures.map((failure: { handout: string; variant: string }) => `${failure.handout} ${failure.variant}`)).toEqual([
      "getting-ready-checklist large-print",
    ]);
    expect(manifest.failures[0].error).toMatch(/printed \d+ pages, more than the limit of 2/);
    const report = await readFile(result.reportFile, "utf8");
    const failedRows = [...report.matchAll(/<tr class="failed">[\s\S]*?<\/tr>/g)].map((match) => match[0]);
    expect(failedRows).toHaveLength(1);
    for (const row of failedRows) expect(row).toMatch(/more than the limit of 2/);
    for (const entry of [...manifest.handouts, ...manifest.failures]) {
      expect(report).toContain(
        `${entry.clinic} / ${entry.handout} / ${entry.lang}${entry.variant === "standard" ? "" : ` / ${entry.variant}`}<`,
      );
    }
  });

  it("is written beside the output when a failed build leaves the output as it was", async () => {
    const outDir = path.join(await tempDir(), "site");
    const result = await build({ dataDir, outDir, browser, cacheDir: false, maxPages: 2 });
    expect(result.written).toBe(false);
    expect(result.reportFile).toBe(`${outDir}.report.html`);
    expect(await readdir(path.dirname(outDir))).toEqual(["site.report.html"]);
    expect(await readFile(result.reportFile, "utf8")).toMatch(/2 handouts: 1 printed, 0 reused from cache,\s+1 failed/);
  });
});
