import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.ts";
import { loadLibrary, type LibraryLocation } from "../../src/content/library.ts";
import { LibraryError } from "../../src/errors.ts";
import { launchBrowser } from "../../src/printing/launch-browser.ts";
import { addSectionFirst, libraryCopy } from "../helpers/library-copy.ts";
import { readPdf } from "../helpers/read-pdf.ts";
import { dataFolder, tempDir, validClinic } from "../helpers/temp-data.ts";

const KEY_POINTS = `---
title: "Key points"
kind: "key-points"
lastReviewed: 2026-11-28
nextReview: 2027-11-28
sources:
  - name: "Test source"
    url: "https://example.org/source"
---
- {{ icon("no-driving") }} **Do not drive** for 24 hours.
- {{ icon("phone", "Call us") }} {{ clinic.phoneLink }} if a side effect does not go away.
`;

/** A copy of the library whose "what to expect" handout opens with a key-points section holding two icons. */
async function libraryWithKeyPoints(body = KEY_POINTS): Promise<LibraryLocation> {
  const library = await libraryCopy();
  await addSectionFirst(library, "infusion-what-to-expect", "test-key-points", body);
  return library;
}

describe("icons and key points", () => {
  let browser: Browser;
  let outDir: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    outDir = path.join(await tempDir(), "site");
    const dataDir = await dataFolder({ "a.json": validClinic() });
    await build({ dataDir, outDir, browser, library: await libraryWithKeyPoints(), cacheDir: false });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("opens the handout with the key points in a box, before the other sections", async () => {
    const html = await readFile(path.join(outDir, "a/en/infusion-what-to-expect.html"), "utf8");
    expect(html).toMatch(
      /<h1>[^<]+<\/h1>\s*<p class="lead">[\s\S]*?<section class="handout-section handout-section--key-points" aria-labelledby="test-key-points">/,
    );
    expect(html.indexOf("handout-section--key-points")).toBeLessThan(html.indexOf('aria-labelledby="what-is-infusion-therapy"'));
  });

  it("hides a decorative icon from screen readers and gives a meaningful one its alt text, on the page", async () => {
    const html = await readFile(path.join(outDir, "a/en/infusion-what-to-expect.html"), "utf8");
    expect(html).toContain('<img class="icon" src="../../assets/icons/no-driving.svg" alt="" width="24" height="24">');
    expect(html).toContain('<img class="icon" src="../../assets/icons/phone.svg" alt="Call us" width="24" height="24">');
    const icon = await readFile(path.join(outDir, "assets/icons/phone.svg"), "utf8");
    expect(icon).toMatch(/^<svg[\s\S]*stroke="currentColor"/);
  });

  it("tags the meaningful icon as a figure with its alt text in the PDF, and leaves the decorative one out of the tags", async () => {
    const pdf = await readPdf(path.join(outDir, "a/en/infusion-what-to-expect.pdf"));
    expect(pdf.figures).toContain("Call us");
    expect(pdf.figures).not.toContain("");
  });

  it("refuses, when the library loads, an icon that does not exist, naming the section file", async () => {
    const library = await libraryWithKeyPoints(KEY_POINTS.replace('icon("no-driving")', 'icon("no-drivng")'));
    await expect(loadLibrary(library)).rejects.toThrow(LibraryError);
    await expect(loadLibrary(library)).rejects.toThrow(/test-key-points\.md: no icon named "no-drivng"; the icons are no-driving, /);
  });
});
