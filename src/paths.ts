import path from "node:path";

/** Every handout is printed twice: in standard print, and in large print (body text of at least 16 pt). */
export const VARIANTS = ["standard", "large-print"] as const;
export type Variant = (typeof VARIANTS)[number];

const suffix = (variant: Variant) => (variant === "standard" ? "" : `.${variant}`);

/**
 * Every output path of the site, relative to the output folder, in one place so the pages,
 * the printer and the manifest agree. Links between pages are made relative to the linking
 * page, so the folder works at any sub-path and straight from disk.
 */
export const outputPaths = {
  clinicPage: (slug: string) => `${slug}/index.html`,
  clinicLanguagePage: (slug: string, lang: string) => `${slug}/${lang}/index.html`,
  handoutPage: (slug: string, lang: string, handout: string, variant: Variant = "standard") =>
    `${slug}/${lang}/${handout}${suffix(variant)}.html`,
  handoutPdf: (slug: string, lang: string, handout: string, variant: Variant = "standard") =>
    `${slug}/${lang}/${handout}${suffix(variant)}.pdf`,
  handoutThumbnail: (slug: string, lang: string, handout: string) => `${slug}/${lang}/${handout}.jpg`,
  printStylesheet: (slug: string, lang: string, handout: string, variant: Variant = "standard") =>
    `${slug}/${lang}/${handout}${suffix(variant)}.print.css`,
  brandStylesheet: (slug: string) => `${slug}/brand.css`,
  logo: (slug: string, kind: string) => `${slug}/logo.${kind}`,
  /** A picture of a clinic's own section, named by its content. */
  picture: (slug: string, name: string) => `${slug}/pictures/${name}`,
  asset: (name: string) => `assets/${name}`,
  manifest: () => "manifest.json",
  report: () => "report.html",
};

/** The href that leads from the page at `fromUrl` (an Eleventy `page.url` or output path) to `toPath`. */
export function relativeHref(fromUrl: string, toPath: string): string {
  const fromDir = fromUrl.endsWith("/") ? fromUrl : path.posix.dirname(fromUrl);
  const relative = path.posix.relative(path.posix.join("/", fromDir), path.posix.join("/", toPath));
  return relative === "" ? "./" : relative;
}

/** The published address of an output path, for a site published at `siteUrl` (which ends in /). */
export function absoluteUrl(siteUrl: string, outputPath: string): string {
  return new URL(outputPath, siteUrl).href;
}
