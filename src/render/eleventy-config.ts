import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Clinic } from "../clinics/load-clinics.ts";
import type { Library } from "../content/library.ts";
import { iconFiles } from "../content/icons.ts";
import { fillPlaceholders } from "../content/language-pack.ts";
import { phoneLink, renderHandout } from "../content/render-handout.ts";
import { cssFontStack } from "../fonts/typefaces.ts";
import { siteFonts, type SiteFonts } from "./site-fonts.ts";
import { cssString, pageCounterContent } from "./css-text.ts";
import { FOOTER_PAGES, footerLines } from "./footer/running-footer.ts";
import { longDate } from "./long-date.ts";
import { TEMPLATES_DIR } from "../package.ts";
import { outputPaths, relativeHref } from "../paths.ts";
import type { HandoutPage, SiteData } from "./site-data.ts";

/** Everything the site templates are given: the laid-out site, the clinics, the library. */
export interface SiteInputs {
  site: SiteData;
  clinics: readonly Clinic[];
  library: Library;
}

/**
 * What one Eleventy run renders (see renderSite): the site's own pages (home, clinic pages, stylesheets,
 * fonts, logos), a batch of the handout pages with their QR codes, or, for Eleventy's own commands, the whole.
 */
export interface SitePart extends SiteInputs {
  kind: "site" | "handouts" | "bundles" | "whole";
  /** SVG QR codes by page address (see qrCodesFor). */
  qrCodes: ReadonlyMap<string, string>;
}

// Eleventy's config API is untyped (it ships no declarations); we use a small, stable part of it.
interface EleventyConfig {
  addGlobalData(name: string, value: unknown): void;
  addFilter(name: string, filter: (this: { page: { url: string } }, ...args: never[]) => unknown): void;
  addPassthroughCopy(map: Record<string, string>): void;
  ignores: { add(glob: string): void };
  setTemplateFormats(formats: string[]): void;
  on(event: "eleventy.after", listener: (event: { directories: { output: string } }) => Promise<void>): void;
  setQuietMode(quiet: boolean): void;
  benchmarkManager: { get(group: string): { setIsVerbose(verbose: boolean): void } };
}

/** Filters the templates use, grouped as a small local plugin. */
function handoutFilters(eleventyConfig: EleventyConfig, { clinics, library, qrCodes }: SitePart): void {
  const clinicsBySlug = new Map(clinics.map((clinic) => [clinic.slug, clinic]));
  // A link from the current page to an output path, relative so the site works under any sub-path.
  eleventyConfig.addFilter("rel", function (target: string) {
    return relativeHref(this.page.url, target);
  });
  eleventyConfig.addFilter("cssString", (text: string) => cssString(text));
  // The typefaces for text in a language, as a CSS font-family value (the running footer names its own).
  eleventyConfig.addFilter("fontStack", (lang: string) => cssFontStack(lang));
  // A tap-to-call link kept left to right, for the clinic's phone in the page's templates.
  eleventyConfig.addFilter("phoneLink", (phone: string) => phoneLink(phone));
  // "{count} handouts" in the page's language, by its plural rules: { one: "…", other: "…" }.
  eleventyConfig.addFilter("plural", (forms: Partial<Record<Intl.LDMLPluralRule, string>>, count: number, lang: string) =>
    fillPlaceholders(forms[new Intl.PluralRules(lang).select(count)] ?? forms.other ?? "", { count }),
  );
  // A date as people write it in the page's language: "28 November 2026", "28 de noviembre de 2026".
  eleventyConfig.addFilter("longDate", (isoDate: string, lang: string) => longDate(isoDate, lang));
  eleventyConfig.addFilter("pageCounterContent", (template: string) => pageCounterContent(template));
  // The running footer's lines for a handout page, broken to fit its paper and print size.
  eleventyConfig.addFilter("runningFooter", (page: HandoutPage) => {
    const kind = page.variant === "large-print" ? "large-print" : page.layout === "one-page" ? "one-page" : "standard";
    const lines = footerLines({
      title: page.title,
      reviewedLabel: page.ui.lastReviewed,
      reviewedDate: longDate(page.review.reviewed, page.lang),
      phoneLabel: page.ui.phone,
      // Isolated, so a right-to-left footer cannot reorder the number's digits and brackets.
      phone: page.dir === "rtl" ? `\u2066${page.clinic.phone}\u2069` : page.clinic.phone,
      paper: page.clinic.paper,
      page: kind,
      lang: page.lang,
    });
    return { ...lines, page: kind === "standard" ? "" : kind, sizes: FOOTER_PAGES[kind] };
  });
  // The QR code of a page's published address (made beforehand, see qr-codes.ts).
  eleventyConfig.addFilter("qrCode", (url: string) => qrCodes.get(url) ?? "");
  // An address as people say it: no https://, no trailing index.html.
  eleventyConfig.addFilter("shortUrl", (url: string) => url.replace(/^https?:\/\//, "").replace(/\/index\.html$/, "/"));
  // Sections render when the page does, so the site data stays small however many handouts there are.
  eleventyConfig.addFilter("handoutDocument", (page: HandoutPage) => {
    const clinic = clinicsBySlug.get(page.clinicSlug);
    if (!clinic) throw new Error(`no clinic "${page.clinicSlug}"`);
    return renderHandout(library, clinic, page.lang, page.handoutId);
  });
}

/** Static files every site needs: stylesheets, the font files its text needs, and the icons. */
function passthroughFiles(fonts: SiteFonts): Record<string, string> {
  return {
    [path.join(TEMPLATES_DIR, "assets")]: "assets",
    ...Object.fromEntries(fonts.files.map(({ face, sitePath }) => [face.file, sitePath])),
    ...Object.fromEntries(Object.entries(iconFiles()).map(([name, file]) => [file, outputPaths.asset(`icons/${name}`)])),
  };
}

/**
 * All the site can print, to choose its font files: the library's words and interface strings in the languages
 * published (English always: the home page), the language names, the taglines and the clinics' own text.
 */
function siteFontsFor({ library, clinics }: SiteInputs): SiteFonts {
  const langs = [...new Set(["en", ...clinics.flatMap((clinic) => clinic.languages)])];
  // Clinics' own sections and handout titles too (each clinic's library holds the shared one's and its own).
  const libraries = [library, ...(library.clinics?.values() ?? [])];
  const sections = libraries
    .flatMap((each) => [...each.sections()])
    .filter((section) => langs.includes(section.lang))
    .map((section) => `${section.title}${section.source}`);
  const packs = libraries.flatMap((each) => [...each.languagePacks.values()]);
  const strings = packs.map((pack) => (langs.includes(pack.lang) ? JSON.stringify(pack) : pack.languageName));
  const taglines = clinics
    .flatMap((clinic) => (clinic.languageNotice === false ? [] : library.languageHelp.taglines))
    .map((tagline) => tagline.text);
  const noticeLangs = clinics.some((clinic) => clinic.languageNotice !== false) ? library.noticeLanguages : [];
  return siteFonts([...sections, ...strings, ...taglines, ...clinics.map((clinic) => JSON.stringify(clinic))], [...langs, ...noticeLangs]);
}

/** Each clinic's logo, as rebuilt when its file was checked (never the file itself), into its folder. */
async function writeLogos(clinics: readonly Clinic[], outDir: string): Promise<void> {
  for (const clinic of clinics) {
    if (!clinic.logoImage) continue;
    const target = path.join(outDir, outputPaths.logo(clinic.slug, clinic.logoImage.kind));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, clinic.logoImage.bytes);
  }
}

/** The pictures of the clinics' own sections, as rebuilt when they were checked (never the files themselves). */
async function writePictures({ library, clinics }: SiteInputs, outDir: string): Promise<void> {
  const slugs = new Set(clinics.map((clinic) => clinic.slug));
  for (const [slug, own] of library.clinics ?? []) {
    if (!slugs.has(slug)) continue;
    for (const picture of [...own.sections()].flatMap((section) => (section.ownedBy === slug ? (section.pictures ?? []) : []))) {
      const target = path.join(outDir, picture.sitePath);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, picture.image.bytes);
    }
  }
}

/** What pages may load: their own files, no script. Hardening, not decoration: see the README's Security section. */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

/** A path under templates/ as Eleventy's ignores take it: relative to the folder Eleventy runs in (it mangles absolute ones). */
function ignorePath(templatePath: string): string {
  return path.relative(process.cwd(), path.join(TEMPLATES_DIR, templatePath)).split(path.sep).join("/");
}

/** The templates of the site's own pages, and those rendered once per handout page. */
const SITE_TEMPLATES = ["index.njk", "clinic.njk", "brand.njk", "fonts.njk"];
const HANDOUT_TEMPLATES = ["handout.njk", "print-footer.njk"];

export interface SiteOptions {
  /** Pages of `handouts dev` run the dev server's live-reload script, from the same origin. */
  liveReload?: boolean;
  /** Rendering in memory (`handouts check`): nothing, not even a logo, may be written. */
  inMemory?: boolean;
}

/** Wire the site into an Eleventy config: global data, filters, static files, folders. */
export function configureSite(eleventyConfig: EleventyConfig, part: SitePart, options: SiteOptions = {}) {
  // Validated clinics reach the templates as global data, never as raw files.
  eleventyConfig.addGlobalData("site", part.site);
  // The page's Content-Security-Policy; the dev preview lets its own reload script in.
  eleventyConfig.addGlobalData(
    "contentSecurityPolicy",
    options.liveReload ? CONTENT_SECURITY_POLICY.replace("script-src 'none'", "script-src 'self'") : CONTENT_SECURITY_POLICY,
  );
  // Filters for links, text and handout sections.
  handoutFilters(eleventyConfig, part);
  // Fonts and stylesheets are copied as they are; logos once the pages are written.
  if (part.kind === "site" || part.kind === "whole") {
    const fonts = siteFontsFor(part);
    eleventyConfig.addPassthroughCopy(passthroughFiles(fonts));
    eleventyConfig.addGlobalData("fontsCss", fonts.css);
  }
  if ((part.kind === "site" || part.kind === "whole") && !options.inMemory)
    eleventyConfig.on("eleventy.after", async ({ directories }) => {
      await writeLogos(part.clinics, directories.output);
      await writePictures(part, directories.output);
    });
  // Only the Nunjucks pages are pages: section Markdown is rendered per clinic by the content module.
  eleventyConfig.setTemplateFormats(["njk"]);
  eleventyConfig.ignores.add(ignorePath("content/**"));
  // A build renders the site's own pages and the handouts in separate runs (see renderSite).
  // Visit packs need only their running footers: their pages are made of their handouts' (see compose-bundle.ts).
  const skipped = { site: HANDOUT_TEMPLATES, handouts: SITE_TEMPLATES, bundles: [...SITE_TEMPLATES, "handout.njk"], whole: [] }[part.kind];
  for (const template of skipped) eleventyConfig.ignores.add(ignorePath(template));
  eleventyConfig.setQuietMode(true);
  // Quiet mode does not reach the timing of filters, whose "[11ty] Benchmark" lines would land among a build's messages.
  eleventyConfig.benchmarkManager.get("Configuration").setIsVerbose(false);
  return { dir: { input: TEMPLATES_DIR, includes: "_includes" } };
}
