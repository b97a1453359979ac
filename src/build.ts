import os from "node:os";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { accessibleShade, contrastRatio, MIN_GRAPHIC_CONTRAST, MIN_TEXT_CONTRAST } from "./branding/brand-colours.ts";
import { loadClinics, type Clinic } from "./clinics/load-clinics.ts";
import { checkReadingLevel, DEFAULT_MAX_READING_GRADE, pageKey } from "./content/check-reading-level.ts";
import { loadLibrary, type LibraryLocation } from "./content/library.ts";
import type { Readability } from "./content/reading-grade.ts";
import { sortManifest, writeManifest, type Manifest, type ManifestEntry } from "./output/manifest.ts";
import { itemsOfShard, manifestPartName, type Shard } from "./output/shards.ts";
import { withStagedOutput } from "./output/staged-output.ts";
import { DEFAULT_CACHE_DIR } from "./printing/print-cache.ts";
import { printHandouts } from "./printing/print-handouts.ts";
import type { PrintOutcome } from "./printing/print-pdfs.ts";
import { PACKAGE_ROOT, type SiteInputs } from "./render/eleventy-config.ts";
import { renderSite } from "./render/render-site.ts";
import { buildSiteData, type HandoutPage } from "./render/site-data.ts";

export interface BuildOptions {
  /** Folder with `clinics/` and logos. Default: `data`. */
  dataDir?: string;
  /** Output folder, replaced whole when the build succeeds. Default: `_site`. */
  outDir?: string;
  /** Tabs printing at once. Default: the number of cores. */
  concurrency?: number;
  /** Longest one handout may take to print. Default: 60 s. */
  timeoutMs?: number;
  /** A browser to print with; the build launches (and closes) its own when none is given. */
  browser?: Browser;
  /** DevTools WebSocket URLs of running Chromes to print on, instead of launching one. */
  browserWs?: readonly string[];
  /** Address the site is served on for `browserWs` browsers. Default: 127.0.0.1. */
  serveHost?: string;
  /** Where the handout library is. Default: the one shipped with this package. */
  library?: LibraryLocation;
  /** Print only this shard of the handouts, and write its part of the manifest (see `mergeManifests`). */
  shard?: Shard;
  /** Where printed PDFs are kept for the next build; false prints everything. Default: .cache/clinic-handouts. */
  cacheDir?: string | false;
  /** A handout printing to more pages than this fails. Default: 40. */
  maxPages?: number;
  /** Replace the output even when some handouts failed (each is still reported). Default: false. */
  keepGoing?: boolean;
  /** Stops the build: nothing more is printed, the previous output stays as it was. */
  signal?: AbortSignal;
  /** Highest Flesch-Kincaid grade an English handout may have. Default: 8. */
  maxReadingGrade?: number;
  /** Told how many handouts the print stage will produce, before it starts. */
  onPrintStart?: (total: number) => void;
  /** Told of each handout as it is printed, reused from the cache, or fails. */
  onPrinted?: (outcome: PrintOutcome) => void;
}

export interface BuildFailure {
  clinic: string;
  handout: string;
  lang: string;
  error: string;
}

export interface BuildResult {
  outDir: string;
  manifest: Manifest;
  failures: BuildFailure[];
  warnings: string[];
  /** True when the new output replaced the old one (every handout printed, or keepGoing). */
  written: boolean;
}

export const DEFAULT_LIBRARY: LibraryLocation = {
  handoutsDir: path.join(PACKAGE_ROOT, "data", "handouts"),
  contentDir: path.join(PACKAGE_ROOT, "templates", "content"),
};

/** Load and check the library and the clinics, and lay out the site, without writing anything. Throws InputError. */
export async function loadInputs(options: Pick<BuildOptions, "dataDir" | "library"> = {}): Promise<SiteInputs & { warnings: string[] }> {
  const library = await loadLibrary(options.library ?? DEFAULT_LIBRARY);
  const clinics = await loadClinics(options.dataDir ?? "data", library);
  return { library, clinics, site: buildSiteData(clinics, library), warnings: clinics.flatMap(contrastWarnings) };
}

/** A warning for each brand colour too light for text, naming the shade used instead. */
function contrastWarnings(clinic: Clinic): string[] {
  const colours = [
    ["brand.primary", clinic.brand.primary, MIN_TEXT_CONTRAST, "text"],
    ["brand.accent", clinic.brand.accent, MIN_GRAPHIC_CONTRAST, "borders"],
  ] as const;
  return colours.flatMap(([field, given, minimum, use]) => {
    const shade = given === undefined ? undefined : accessibleShade(given, minimum);
    if (!shade?.adjusted) return [];
    const contrast = contrastRatio(shade.given, "white").toFixed(2);
    return [`${clinic.file}: ${field}: ${shade.given} is too light for ${use} on white (contrast ${contrast}:1, needs ${minimum}:1); using the nearest darker shade ${shade.used}`];
  });
}

/**
 * Build the site and print every handout. Invalid input throws InputError before anything is
 * written; the previous output is replaced only when every handout printed.
 */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const outDir = path.resolve(options.outDir ?? "_site");
  const { library, clinics, site, warnings } = await loadInputs(options);
  const readability = checkReadingLevel(site.handoutPages, clinics, library, options.maxReadingGrade ?? DEFAULT_MAX_READING_GRADE);
  return withStagedOutput(outDir, async (stagingDir) => {
    await renderSite({ site, clinics, library }, stagingDir);
    const pages = options.shard ? itemsOfShard(site.handoutPages, pageKey, options.shard) : site.handoutPages;
    options.onPrintStart?.(pages.length);
    const outcomes = await printHandouts(pages, {
      siteDir: stagingDir,
      concurrency: options.concurrency ?? os.availableParallelism(),
      timeoutMs: options.timeoutMs ?? 60_000,
      maxPages: options.maxPages ?? 40,
      cacheDir: options.cacheDir === undefined ? DEFAULT_CACHE_DIR : options.cacheDir,
      ...(options.browser ? { browser: options.browser } : {}),
      ...(options.browserWs ? { browserWs: options.browserWs } : {}),
      ...(options.serveHost ? { serveHost: options.serveHost } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onPrinted ? { onOutcome: options.onPrinted } : {}),
    });
    if (options.signal?.aborted) throw new BuildInterrupted();
    const failures: BuildFailure[] = [];
    const entries: ManifestEntry[] = [];
    outcomes.forEach((outcome, index) => {
      const page = pages[index] as HandoutPage;
      const id = { clinic: page.clinicSlug, handout: page.handoutId, lang: page.lang };
      if (!outcome.ok) {
        failures.push({ ...id, error: outcome.error });
        return;
      }
      for (const url of outcome.blocked) warnings.push(`${page.htmlPath}: blocked a request to ${url}; only the site's own files may load while printing`);
      if (page.layout === "one-page" && outcome.pages > 1) {
        warnings.push(`${page.htmlPath}: "${page.title}" should fit on one page but printed on ${outcome.pages}; shorten the clinic's notes or contact details`);
      }
      entries.push({ ...id, title: page.title, html: page.htmlPath, pdf: page.pdfPath, pages: outcome.pages, bytes: outcome.bytes, sha256: outcome.sha256, ...readingFields(readability.get(pageKey(page))) });
    });
    const manifest = sortManifest(entries);
    await writeManifest(stagingDir, manifest, options.shard ? manifestPartName(options.shard) : undefined);
    const written = failures.length === 0 || options.keepGoing === true;
    return { keep: written, value: { outDir, manifest, failures, warnings, written } };
  });
}

/** Manifest fields for a handout's reading level; none for a language without a formula. */
function readingFields(readability: Readability | undefined): Pick<ManifestEntry, "readingGrade" | "readability"> {
  if (!readability) return {};
  const { formula, grade, ease } = readability;
  return { readingGrade: grade, readability: { formula, ...(ease === undefined ? {} : { ease }) } };
}

/** The build was stopped (Ctrl-C, SIGTERM): nothing was swapped in. */
export class BuildInterrupted extends Error {
  override name = "BuildInterrupted";
  constructor() {
    super("the build was interrupted; the previous output was left as it was");
  }
}
