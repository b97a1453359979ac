import os from "node:os";
import Eleventy from "@11ty/eleventy";
import { TEMPLATES_DIR } from "../package.ts";
import { configureSite, type SiteInputs, type SiteOptions, type SitePart } from "./eleventy-config.ts";
import { composeBundle } from "./compose-bundle.ts";
import { qrCodesFor } from "./qr-codes.ts";
import type { HandoutPage } from "./site-data.ts";

/**
 * Handout pages rendered by one Eleventy run. Eleventy holds every page of a run in memory until
 * it is written, so a large site is rendered in batches of this size and memory stays flat
 * however many clinics there are; a run costs a few tens of milliseconds.
 */
export const HANDOUT_PAGES_PER_BATCH = 200;

function eleventyFor(part: SitePart, outDir: string, options: SiteOptions = {}): Eleventy {
  const eleventy = new Eleventy(TEMPLATES_DIR, outDir, {
    quietMode: true,
    configPath: false,
    config: (eleventyConfig: Parameters<typeof configureSite>[0]) => configureSite(eleventyConfig, part, options),
  });
  eleventy.disableLogger();
  return eleventy;
}

/** The site's own pages first (home, clinic pages, stylesheets, fonts, logos), then the handout pages a batch at a time. */
async function* siteParts(inputs: SiteInputs, pagesPerRun: number): AsyncGenerator<SitePart> {
  const { site } = inputs;
  yield { ...inputs, kind: "site", site: { ...site, handoutPages: [] }, qrCodes: new Map() };
  for (let start = 0; start < site.handoutPages.length; start += pagesPerRun) {
    const handoutPages = site.handoutPages.slice(start, start + pagesPerRun);
    yield { ...inputs, kind: "handouts", site: { ...site, clinics: [], handoutPages }, qrCodes: await qrCodesFor(handoutPages) };
  }
  // Visit packs last, when every handout page they are made of is written: Eleventy writes their running footers.
  if (site.bundlePages?.length)
    yield { ...inputs, kind: "bundles", site: { ...site, clinics: [], handoutPages: site.bundlePages }, qrCodes: new Map() };
}

/**
 * Render the site into `outDir` with Eleventy: its own pages first, then the handout pages a batch at
 * a time, yielding each batch once it is written, so it can be printed while the next one renders.
 */
export async function* renderSiteInBatches(
  inputs: SiteInputs,
  outDir: string,
  options: SiteOptions = {},
  pagesPerRun = HANDOUT_PAGES_PER_BATCH,
): AsyncGenerator<readonly HandoutPage[]> {
  for await (const part of siteParts(inputs, pagesPerRun)) {
    await eleventyFor(part, outDir, options).write();
    if (part.kind === "bundles") for (const page of part.site.bundlePages ?? []) await composeBundle(outDir, page);
    if (part.kind !== "site") yield part.kind === "bundles" ? (part.site.bundlePages ?? []) : part.site.handoutPages;
  }
}

/** Render the whole site (pages and stylesheets, no PDFs) into `outDir` with Eleventy. */
export async function renderSite(
  inputs: SiteInputs,
  outDir: string,
  options: SiteOptions = {},
  pagesPerRun = HANDOUT_PAGES_PER_BATCH,
): Promise<void> {
  for await (const batch of renderSiteInBatches(inputs, outDir, options, pagesPerRun)) void batch;
}

/** Render every page in memory, writing nothing: `url` is the page's address from the site root. */
export async function renderSitePages(inputs: SiteInputs): Promise<{ url: string; content: string }[]> {
  const pages: { url: string; content: string }[] = [];
  for await (const part of siteParts(inputs, HANDOUT_PAGES_PER_BATCH)) {
    // Eleventy wants an output folder even when it writes nothing; this one exists everywhere and stays untouched.
    for (const { url, content } of await eleventyFor(part, os.tmpdir(), { inMemory: true }).toJSON()) pages.push({ url, content });
  }
  return pages;
}
