import { createRequire } from "node:module";
import path from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadInputs } from "../../src/load-inputs.ts";
import { PACKAGE_ROOT } from "../../src/package.ts";
import { closeBrowser, launchBrowser } from "../../src/printing/launch-browser.ts";
import { renderSite } from "../../src/render/render-site.ts";
import { basicSite } from "../helpers/basic-site.ts";
import { EXAMPLE_CLINICS, tempDir } from "../helpers/temp-data.ts";

// axe-core, the accessibility engine, run inside the real Chromium over every kind of generated page of the examples.
// The pages are rendered without printing (the examples' PDFs are checked by `npm run test:examples`); the build
// report comes from the fixture site, which the global set-up built with its PDFs.
const axeSource = (createRequire(import.meta.url)("axe-core") as { source: string }).source;
const WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * One page of each kind: home, clinic (main and per language), handout in every language (Arabic right to left),
 * one-page checklist, large print, build report.
 */
const PAGES = [
  "index.html",
  "riverside-pain/index.html",
  "riverside-pain/es/index.html",
  "riverside-pain/ar/index.html",
  "riverside-pain/en/side-effects.html",
  "riverside-pain/es/your-visit.html",
  "riverside-pain/zh-Hans/side-effects.html",
  "riverside-pain/vi/infusion-overview.html",
  "riverside-pain/ar/lidocaine-infusion.html",
  "riverside-pain/ar/getting-ready-checklist.html",
  "northgate-infusion/en/getting-ready-checklist.html",
  "sunrise-pain-center/en/ketamine-infusion.html",
  "riverside-pain/en/side-effects.large-print.html",
  "report.html",
];

/**
 * One page of each layout for the reflow check: the languages share their layout's stylesheet, so one per script
 * direction is enough there.
 */
const LAYOUTS = [
  "index.html",
  "riverside-pain/index.html",
  "riverside-pain/ar/index.html",
  "riverside-pain/en/side-effects.html",
  "riverside-pain/ar/lidocaine-infusion.html",
  "riverside-pain/ar/getting-ready-checklist.html",
  "riverside-pain/en/side-effects.large-print.html",
  "report.html",
];

let browser: Browser;
/** One tab for every check here, each loading its page afresh. */
let page: Page;
let siteDir: string;
const fileOf = (page: string) => (page === "report.html" ? path.join(basicSite().outDir, page) : path.join(siteDir, page));

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
  siteDir = path.join(await tempDir(), "site");
  await renderSite(await loadInputs({ dataDir: path.join(PACKAGE_ROOT, "data"), select: { clinics: EXAMPLE_CLINICS } }), siteDir);
});

afterAll(async () => {
  await closeBrowser(browser);
});

interface Violation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

describe("the examples' web pages", () => {
  it.each(PAGES)("%s has no WCAG 2.x A/AA violations (axe-core)", async (file) => {
    await page.setViewport({ width: 800, height: 600 });
    await page.goto(`file://${fileOf(file)}`, { waitUntil: "load" });
    // DevTools evaluation is not bound by the page's CSP (which forbids scripts), so axe runs on the page as published.
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async (tags) => {
      const axe = (globalThis as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
      const results = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
      return results.violations.map(({ id, help, nodes }) => ({ id, help, nodes: nodes.map((node) => ({ target: node.target })) }));
    }, WCAG_A_AA);
    expect(
      violations.map(
        (violation) => `${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
      ),
    ).toEqual([]);
  });

  it.each(LAYOUTS)("%s reflows on a 320 px phone and with text at double size, without scrolling sideways", async (file) => {
    await page.setViewport({ width: 320, height: 800 });
    await page.goto(`file://${fileOf(file)}`, { waitUntil: "load" });
    for (const [width, textZoom] of [
      [320, "100%"],
      [640, "200%"],
    ] as const) {
      // The page lays itself out again for the new width and text size, as a phone turned or a zoomed browser does.
      await page.setViewport({ width, height: 800 });
      const overflow = await page.evaluate((zoom) => {
        document.documentElement.style.fontSize = zoom;
        return document.documentElement.scrollWidth - document.documentElement.clientWidth;
      }, textZoom);
      expect(overflow, `${file} at ${width} px, text ${textZoom}`).toBeLessThanOrEqual(0);
    }
  });
});
