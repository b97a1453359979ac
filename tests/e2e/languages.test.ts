import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse, type HTMLElement } from "node-html-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../src/build.ts";
import { BUNDLED_FONT, fontsOf, readPdf } from "../helpers/read-pdf.ts";
import { pdfTagLanguages } from "../helpers/pdf-ua-facts.ts";
import { dataFolder, tempDir, validClinic } from "../helpers/temp-data.ts";
import languageHelp from "../../templates/content/language-help.json" with { type: "json" };

// End to end in four languages, one right to left: a clinic whose name mixes Latin, Chinese and Arabic, built by
// the real Eleventy and printed by the real Chromium; pages parsed, PDFs read back with pdfjs, pdf-lib and pdffonts.
const NAME = "Harbour 港湾 عيادة Pain Clinic";
const PHONE = "(555) 010-4321";
const LANGS = ["en", "ar", "zh-Hans", "vi"];
let outDir: string;
let result: BuildResult;

beforeAll(async () => {
  const clinic = { ...validClinic(), name: NAME, contact: { phone: PHONE }, languages: LANGS, handouts: ["pain-diary"] };
  const dataDir = await dataFolder({ "harbour.json": clinic });
  outDir = path.join(await tempDir(), "site");
  // The build's own browser, as staff run it: locked down, the site served to it over loopback HTTP.
  result = await build({ dataDir, outDir, cacheDir: false });
}, 240_000);

const page = async (file: string) => parse(await readFile(path.join(outDir, file), "utf8"));
/** The direction an element's text runs in: its own dir, or its nearest ancestor's. */
const directionOf = (element: HTMLElement | null): string | undefined =>
  element ? (element.getAttribute("dir") ?? directionOf(element.parentNode)) : undefined;

describe("a clinic in four languages, one right to left", () => {
  it("prints every language in both sizes without a failure or a layout warning", () => {
    expect(result.failures).toEqual([]);
    expect(result.manifest.handouts.map((entry) => `${entry.lang}/${entry.variant}`)).toEqual(
      [...LANGS].sort().flatMap((lang) => [`${lang}/standard`, `${lang}/large-print`]),
    );
    expect(result.warnings.filter((warning) => /overlaps|runs off|strip|within/.test(warning))).toEqual([]);
  });

  it("prints the running footer whole on every page, also where its text needs a font the page's own text did not load", async () => {
    // The Chinese title is bold on the page and regular in the footer: its regular glyphs load for the footer alone
    // (a page loaded from a file printed its footer without them).
    for (const entry of result.manifest.handouts.filter((candidate) => candidate.lang !== "ar")) {
      const css = await readFile(path.join(outDir, entry.html.replace(/\.html$/, ".print.css")), "utf8");
      const titleAndDate = /@bottom-left \{ content: "([^"]*)"/.exec(css)?.[1] ?? "";
      const dateLine = (titleAndDate.split("\\a ").at(-1) ?? "").replace(/\s+/g, "");
      expect(dateLine, entry.pdf).toMatch(/2026/);
      const pages = execFileSync("pdftotext", [path.join(outDir, entry.pdf), "-"], { encoding: "utf8" })
        .split("\f")
        .slice(0, -1);
      expect(pages, entry.pdf).toHaveLength(entry.pages);
      pages.forEach((text, index) => expect(text.replace(/\s+/g, ""), `${entry.pdf} page ${index + 1}`).toContain(dateLine));
    }
  });

  it("uses only the bundled typefaces, embedded, in every PDF: no system fallback for the clinic's name", () => {
    for (const entry of result.manifest.handouts) {
      const fonts = fontsOf(path.join(outDir, entry.pdf));
      expect(fonts.length, entry.pdf).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font.name, entry.pdf).toMatch(BUNDLED_FONT);
        expect(font.embedded, `${entry.pdf}: ${font.name}`).toBe(true);
      }
    }
  });

  it("sets the page's lang and dir and the PDF's /Lang alike, right to left for Arabic", async () => {
    for (const entry of result.manifest.handouts) {
      const html = (await page(entry.html)).querySelector("html");
      expect(html?.getAttribute("lang")).toBe(entry.lang);
      expect(html?.getAttribute("dir")).toBe(entry.lang === "ar" ? "rtl" : "ltr");
      expect((await readPdf(path.join(outDir, entry.pdf))).lang).toBe(entry.lang);
    }
  });

  it("keeps the phone number's digits in order, isolated left to right, on the Arabic page and PDF", async () => {
    const arabic = await page("harbour/ar/pain-diary.html");
    const links = arabic.querySelectorAll(`a[href^="tel:"]`);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.text).toBe(PHONE);
      expect(directionOf(link)).toBe("ltr");
    }
    const pdf = await readPdf(path.join(outDir, "harbour/ar/pain-diary.pdf"));
    // Footer, contact block, translation notice and 15 taglines all give the number whole.
    expect(pdf.text.split(PHONE).length - 1).toBeGreaterThanOrEqual(4);
  });

  it("prints the language-help taglines in 15 languages on every handout, each marked with its language on the page and in the PDF's tags", async () => {
    const expected = languageHelp.taglines.map((tagline) => tagline.lang);
    expect(expected).toHaveLength(15);
    for (const entry of result.manifest.handouts) {
      const taglines = (await page(entry.html)).querySelectorAll(".language-help > p[lang]");
      expect(
        taglines.map((tagline) => tagline.getAttribute("lang")),
        entry.html,
      ).toEqual(expected);
      for (const tagline of taglines) {
        expect(tagline.getAttribute("dir")).toBe(["ar", "fa"].includes(tagline.getAttribute("lang") ?? "") ? "rtl" : "ltr");
        expect(tagline.text).toContain(PHONE);
      }
      // In the tags, a paragraph in the document's own language inherits it: the others carry their own /Lang.
      const tagged = await pdfTagLanguages(path.join(outDir, entry.pdf));
      expect(tagged, entry.pdf).toEqual(expect.arrayContaining(expected.filter((lang) => lang !== entry.lang)));
    }
  });

  it("prints the untranslated-check notice in the handout's language and in English on translations only", async () => {
    for (const entry of result.manifest.handouts.filter((candidate) => candidate.variant === "standard")) {
      const notice = (await page(entry.html)).querySelector(".notice--translation");
      const text = (await readPdf(path.join(outDir, entry.pdf))).text;
      if (entry.lang === "en") {
        expect(notice).toBeNull();
        expect(entry.translation).toBeUndefined();
        continue;
      }
      expect(notice?.querySelector('p[lang="en"]')?.text).toBe(
        `This translation has not been checked by a medical translator yet. If anything is unclear, call us at ${PHONE}.`,
      );
      expect(text.replace(/\s+/g, " ")).toContain("This translation has not been checked by a medical translator yet.");
      expect(entry.translation).toEqual({ checked: false, checkedBy: [] });
      expect(entry.readability).toEqual(
        entry.lang === "vi" || entry.lang === "ar" || entry.lang === "zh-Hans" ? { formula: "not measured" } : expect.anything(),
      );
    }
  });

  it("gives the clinic a page per language, wholly in it, linked from its main page by each language's own name", async () => {
    const main = await page("harbour/index.html");
    expect(main.querySelector("html")?.getAttribute("lang")).toBe("en");
    const links = main.querySelectorAll(".language-links a");
    expect(links.map((link) => [link.getAttribute("lang"), link.text.trim()])).toEqual([
      ["en", "English"],
      ["ar", "العربية"],
      ["zh-Hans", "简体中文"],
      ["vi", "Tiếng Việt"],
    ]);
    const arabic = await page("harbour/ar/index.html");
    expect(arabic.querySelector("html")?.getAttribute("dir")).toBe("rtl");
    expect(arabic.querySelector("html")?.getAttribute("lang")).toBe("ar");
    // Its breadcrumbs and cards are in Arabic, and it lists only the Arabic handouts.
    const crumbs = arabic.querySelector("nav.breadcrumbs, nav[aria-label]")?.text ?? "";
    expect(crumbs).toMatch(/\p{Script=Arabic}/u);
    const hrefs = arabic.querySelectorAll("main a[href$='.html']").map((link) => link.getAttribute("href"));
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.every((href) => (href?.includes("pain-diary") ? href.startsWith("pain-diary") || href.includes("/ar/") : true))).toBe(
      true,
    );
  });

  it("links each handout page to the same handout in the other languages with hreflang, itself included (as search engines ask)", async () => {
    const chinese = await page("harbour/zh-Hans/pain-diary.html");
    const alternates = chinese.querySelectorAll('link[rel="alternate"][hreflang]').map((link) => link.getAttribute("hreflang"));
    expect(alternates.sort()).toEqual(["ar", "en", "vi", "zh-Hans"]);
  });

  it("says on the home page what it counts", async () => {
    const home = await page("index.html");
    expect(home.querySelector("main")?.text.replace(/\s+/g, " ")).toContain("1 handout · English, العربية, 简体中文, Tiếng Việt");
  });
});
