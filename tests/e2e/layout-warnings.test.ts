import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../src/build.ts";
import { launchBrowser } from "../../src/printing/launch-browser.ts";
import { addSectionFirst, libraryCopy } from "../helpers/library-copy.ts";
import { dataFolder, tempDir, validClinic } from "../helpers/temp-data.ts";

// A section whose two lines are set on top of each other (in an SVG: the pages' Content-Security-Policy allows
// no inline style): the build must say so, naming the PDF and the page.
const OVERLAPPING = `---
title: "Overlapping words"
lastReviewed: 2026-11-28
nextReview: 2027-11-28
sources:
  - name: "Test source"
    url: "https://example.org/source"
---
<svg width="300" height="40" font-size="16"><text x="0" y="20">Words printed here</text><text x="30" y="24">and over them</text></svg>
`;

let browser: Browser;
let outDir: string;
let result: BuildResult;

beforeAll(async () => {
  browser = await launchBrowser();
  const library = await libraryCopy();
  await addSectionFirst(library, "infusion-what-to-expect", "test-overlap", OVERLAPPING);
  outDir = path.join(await tempDir(), "site");
  result = await build({ dataDir: await dataFolder({ "a.json": validClinic() }), outDir, browser, library, cacheDir: false });
});

afterAll(async () => {
  await browser?.close();
});

describe("layout warnings", () => {
  it("name the PDF and the page of text over text, in the build's warnings, the report's row and its top list; the build still publishes", async () => {
    const warning = 'a/en/infusion-what-to-expect.pdf: page 1: "Words printed here" overlaps "and over them"';
    expect(result.written).toBe(true);
    expect(result.warnings).toContain(warning);
    const report = await readFile(path.join(outDir, "report.html"), "utf8");
    const escaped = warning.replace(/"/g, "&quot;");
    expect(report.split(escaped).length - 1).toBe(2); // the list at the top and the handout's row
    expect(result.manifest.handouts.find((entry) => entry.pdf === "a/en/infusion-what-to-expect.pdf")?.warnings).toContain(warning);
  });
});
