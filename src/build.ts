import os from "node:os";
import type { Browser } from "puppeteer-core";
import { contrastFixes, describeContrastFix } from "./branding/contrast-fixes.ts";
import { loadClinics, type Clinic } from "./clinics/load-clinics.ts";
import { loadSiteSettings } from "./clinics/load-site-settings.ts";
import { reservedSiteUrlWarning } from "./clinics/reserved-site-url.ts";
import { isSelected, selectClinics, type Selection } from "./clinics/select-clinics.ts";
import { checkReadingLevel, DEFAULT_MAX_READING_GRADE, pageKey, type HandoutMeasure } from "./content/check-reading-level.ts";
import { loadLibrary, type Library, type LibraryLocation } from "./content/library.ts";
import { approvalWarnings, checkReviewDates, sectionsInUse } from "./content/review-dates.ts";
import { isoToday } from "./iso-dates.ts";
import { LibraryError } from "./errors.ts";
import type { Readability } from "./content/reading-grade.ts";
import { sortManifest, writeManifest, type Manifest, type ManifestEntry } from "./output/manifest.ts";
import { itemsOfShard, manifestPartName, type Shard } from "./output/shards.ts";
import type { Variant } from "./paths.ts";
import { fillPdfFacts, type PdfFacts } from "./output/fill-pdf-facts.ts";
import { keptRow, writeReport, type ReportRow } from "./output/report.ts";
import { copyKeptFiles, handoutsToKeep, keptKeys } from "./output/keep-previous.ts";
import { claimOutputFolder } from "./output/output-folder.ts";
import { withStagedOutput } from "./output/staged-output.ts";
import { InputError } from "./errors.ts";
import { canMakeThumbnails, THUMBNAIL_HINT } from "./printing/pdf-thumbnail.ts";
import { DEFAULT_CACHE_DIR } from "./printing/print-cache.ts";
import { printHandouts } from "./printing/print-handouts.ts";
import type { PrintOutcome } from "./printing/print-pdfs.ts";
import { checkWarnings } from "./printing/pdf-checks.ts";
import type { SiteInputs } from "./render/eleventy-config.ts";
import { DEFAULT_LIBRARY, DEFAULTS } from "./package.ts";
import { renderSiteInShares } from "./render/render-site.ts";
import { buildSiteData, type HandoutPage, type LayoutOptions } from "./render/site-data.ts";

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
  /** Build only these clinics, handouts and languages. Default: everything. */
  select?: Selection;
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
  /** Build even when a section is past its review date (each is still named, as a warning). Default: false. */
  allowOverdue?: boolean;
  /** The day review dates are checked against, "YYYY-MM-DD" (to see what will be due). Default: today. */
  asOf?: string;
  /** Told how many handouts the print stage will produce, before it starts. */
  onPrintStart?: (total: number) => void;
  /** Told of each handout as it is printed, reused from the cache, or fails. */
  onPrinted?: (outcome: PrintOutcome) => void;
}

export interface BuildFailure {
  clinic: string;
  handout: string;
  lang: string;
  variant: Variant;
  error: string;
}

export interface BuildResult {
  outDir: string;
  manifest: Manifest;
  failures: BuildFailure[];
  warnings: string[];
  /** True when the new output replaced the old one (every handout printed, or keepGoing). */
  written: boolean;
  /** The build report: in the output when it was written, else beside it. */
  reportFile: string;
  /** Handout PDFs kept from the previous output by a build of part of the matrix (in the manifest too). */
  kept: number;
}


export type InputOptions = Pick<BuildOptions, "dataDir" | "library" | "select" | "allowOverdue" | "asOf">;

/**
 * Load and check the library and the clinics, and lay out the site, without writing anything. Throws
 * InputError for a clinic file that is wrong, LibraryError for a section past its review date.
 */
export interface LoadedInputs extends SiteInputs {
  /** Every clinic in the data folder, also those the selection leaves out. */
  allClinics: readonly Clinic[];
  /** How the site was laid out, to lay it out again with other handouts (see withKeptHandouts). */
  layout: LayoutOptions;
  warnings: string[];
}

export async function loadInputs(options: InputOptions = {}): Promise<LoadedInputs> {
  const library = await loadLibrary(options.library ?? DEFAULT_LIBRARY);
  const allClinics = await loadClinics(options.dataDir ?? DEFAULTS.dataDir, library);
  const clinics = selectClinics(allClinics, library, options.select);
  const reviewWarnings = checkReviews(clinics, library, options);
  const settings = await loadSiteSettings(options.dataDir ?? DEFAULTS.dataDir);
  const placeholderUrl = reservedSiteUrlWarning(options.dataDir ?? DEFAULTS.dataDir, settings.url);
  const thumbnails = await canMakeThumbnails();
  const layout = { thumbnails, siteUrl: settings.url };
  const site = buildSiteData(clinics, library, layout);
  const warnings = [
    ...clinics.flatMap((clinic) => contrastFixes(clinic).map((fix) => describeContrastFix(clinic.file, fix))),
    ...reviewWarnings,
    ...(placeholderUrl ? [placeholderUrl] : []),
    ...clinics.flatMap((clinic) => approvalWarnings(clinic, site.handoutPages)),
  ];
  return { library, clinics, allClinics, layout, site, warnings: thumbnails ? warnings : [...warnings, THUMBNAIL_HINT] };
}

/**
 * The site a build of part of the matrix publishes: its own handouts, and those it keeps from the previous
 * output, which the home page, the clinic pages and the handouts' links to each other must still show.
 * Only its own handout pages are rendered; the kept ones are copied as they were.
 */
function withKeptHandouts(inputs: LoadedInputs, kept: readonly ManifestEntry[], selection: Selection = {}): LoadedInputs {
  if (kept.length === 0) return inputs;
  const keys = keptKeys(kept);
  const include = (clinic: string, handout: string, lang: string) => keys.has(`${clinic}/${handout}/${lang}`) || isSelected(selection, clinic, handout, lang);
  const site = buildSiteData(inputs.allClinics, inputs.library, { ...inputs.layout, include });
  const published = new Set(site.clinics.map((clinic) => clinic.slug));
  const ownPages = site.handoutPages.filter((page) => isSelected(selection, page.clinicSlug, page.handoutId, page.lang));
  return { ...inputs, clinics: inputs.allClinics.filter((clinic) => published.has(clinic.slug)), site: { ...site, handoutPages: ownPages } };
}

/** Stop at a section past its review date (unless allowed); warn about those due soon. */
function checkReviews(clinics: readonly Clinic[], library: Library, { asOf, allowOverdue }: InputOptions): string[] {
  const { overdue, dueSoon } = checkReviewDates(sectionsInUse(clinics, library), asOf ?? isoToday());
  if (overdue.length > 0 && !allowOverdue) {
    throw new LibraryError(overdue, "A handout past its review date must not reach patients; to build anyway, for now, add --allow-overdue.");
  }
  return [...overdue.map((finding) => `${finding} (built anyway: --allow-overdue)`), ...dueSoon];
}

/**
 * Build the site and print every handout. Invalid input throws InputError before anything is
 * written; the previous output is replaced only when every handout printed.
 */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const { outDir, inputs: checked } = await claimOutputAndLoadInputs(options);
  const measures = checkReadingLevel(checked.site.handoutPages, checked.clinics, checked.library, options.maxReadingGrade ?? DEFAULT_MAX_READING_GRADE);
  // Shards are parts of one build, merged later: each writes only its own.
  const kept = options.shard ? [] : await handoutsToKeep(outDir, checked.allClinics, options.select);
  const inputs = withKeptHandouts(checked, kept, options.select);
  const { clinics, site } = inputs;
  const warnings = [...inputs.warnings];
  return withStagedOutput(outDir, async (stagingDir) => {
    await copyKeptFiles(outDir, stagingDir, kept);
    const inShard = options.shard ? new Set(itemsOfShard(site.handoutPages, (page) => page.htmlPath, options.shard)) : undefined;
    const pages = inShard ? site.handoutPages.filter((page) => inShard.has(page)) : site.handoutPages;
    options.onPrintStart?.(pages.length);
    // Each share of pages is printed while Eleventy renders the next.
    const shares = onlyPages(renderSiteInShares(inputs, stagingDir), inShard);
    const outcomes = await printHandouts(shares, {
      siteDir: stagingDir,
      concurrency: options.concurrency ?? os.availableParallelism(),
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      maxPages: options.maxPages ?? DEFAULTS.maxPages,
      cacheDir: options.cacheDir === undefined ? DEFAULT_CACHE_DIR : options.cacheDir,
      ...(options.browser ? { browser: options.browser } : {}),
      ...(options.browserWs ? { browserWs: options.browserWs } : {}),
      ...(options.serveHost ? { serveHost: options.serveHost } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onPrinted ? { onOutcome: options.onPrinted } : {}),
      onWarning: (warning) => warnings.push(warning),
    });
    if (options.signal?.aborted) throw new BuildInterrupted();
    await fillPdfFacts(stagingDir, site.handoutPages, factsOf(pages, outcomes, kept));
    const collected = collectOutcomes(pages, outcomes, measures, clinics);
    warnings.push(...collected.rows.flatMap((row) => row.warnings));
    collected.rows.push(...kept.map(keptRow));
    const manifest = sortManifest([...kept, ...collected.entries], collected.failures);
    await writeManifest(stagingDir, manifest, options.shard ? manifestPartName(options.shard) : undefined);
    const written = collected.failures.length === 0 || options.keepGoing === true;
    // What the finished PDFs were found to be (layout issues, a missing PDF/UA claim) is listed at the top of the report too.
    const pdfWarnings = collected.rows.flatMap((row) => row.warnings.filter((warning) => warning.startsWith(`${row.pdf}: `)));
    const report = { rows: collected.rows, published: written, warnings: [...inputs.warnings, ...pdfWarnings], seconds: (performance.now() - started) / 1000 };
    const reportFile = await writeReport(outDir, stagingDir, report);
    return { keep: written, value: { outDir, manifest, failures: collected.failures, warnings, written, reportFile, kept: kept.length } };
  });
}

/**
 * The output folder (its real path, once it is known to be this tool's to replace) and the checked
 * inputs. A refused output folder is listed with every problem in the inputs, and nothing is written.
 */
async function claimOutputAndLoadInputs(options: BuildOptions) {
  const [claim, loaded] = await Promise.all([
    claimOutputFolder(options.outDir ?? DEFAULTS.outDir, { dataDir: options.dataDir ?? DEFAULTS.dataDir }),
    loadInputs(options).then(
      (inputs) => ({ inputs }),
      (error: unknown) => ({ error }),
    ),
  ]);
  const refused = "problem" in claim ? [claim.problem] : [];
  if ("error" in loaded) throw loaded.error instanceof InputError ? new InputError([...refused, ...loaded.error.problems]) : loaded.error;
  if ("problem" in claim) throw new InputError(refused);
  return { outDir: claim.dir, inputs: loaded.inputs };
}

/** The shares of rendered pages, keeping only those this build prints (its shard). */
async function* onlyPages(shares: AsyncIterable<readonly HandoutPage[]>, keep: ReadonlySet<HandoutPage> | undefined): AsyncGenerator<readonly HandoutPage[]> {
  for await (const share of shares) yield keep ? share.filter((page) => keep.has(page)) : share;
}

/** Pages and bytes of every PDF printed, reused or kept, by its path in the site. */
function factsOf(pages: readonly HandoutPage[], outcomes: readonly PrintOutcome[], kept: readonly ManifestEntry[]): Map<string, PdfFacts> {
  const facts = new Map<string, PdfFacts>(kept.map((entry) => [entry.pdf, { pages: entry.pages, bytes: entry.bytes }]));
  outcomes.forEach((outcome, index) => {
    if (outcome.ok) facts.set((pages[index] as HandoutPage).pdfPath, { pages: outcome.pages, bytes: outcome.bytes });
  });
  return facts;
}

/** Manifest entries, failures and report rows from the print outcomes, in the order of `pages`. */
function collectOutcomes(pages: readonly HandoutPage[], outcomes: readonly PrintOutcome[], measures: Map<string, HandoutMeasure>, clinics: readonly Clinic[]) {
  const fixesBySlug = new Map(clinics.map((clinic) => [clinic.slug, contrastFixes(clinic).map((fix) => `${fix.field} ${fix.given} → ${fix.used}`)]));
  const clinicsBySlug = new Map(clinics.map((clinic) => [clinic.slug, clinic]));
  const failures: BuildFailure[] = [];
  const entries: ManifestEntry[] = [];
  const rows: ReportRow[] = [];
  outcomes.forEach((outcome, index) => {
    const page = pages[index] as HandoutPage;
    const id = { clinic: page.clinicSlug, handout: page.handoutId, lang: page.lang, variant: page.variant };
    const measure = measures.get(pageKey(page));
    const reading = readingFields(measure?.readability);
    const content = { reviewed: page.review.reviewed, reviewDue: page.review.reviewDue, contentVersion: measure?.contentVersion ?? "" };
    const fixes = fixesBySlug.get(page.clinicSlug) ?? [];
    const approval = approvalOf(clinicsBySlug.get(page.clinicSlug), page);
    if (!outcome.ok) {
      failures.push({ ...id, error: outcome.error });
      rows.push({ ...id, title: page.title, status: "failed", html: page.htmlPath, ...content, ...approval, contrastFixes: fixes, warnings: [], error: outcome.error, ...reading });
      return;
    }
    const warnings = handoutWarnings(page, outcome);
    const printed = { pdf: page.pdfPath, ...(outcome.thumbnail && page.thumbnailPath ? { thumbnail: page.thumbnailPath } : {}), pages: outcome.pages, bytes: outcome.bytes };
    entries.push({ ...id, title: page.title, html: page.htmlPath, ...printed, sha256: outcome.sha256, ...content, ...reading, ...(fixes.length ? { contrastFixes: fixes } : {}), ...(warnings.length ? { warnings } : {}) });
    rows.push({ ...id, title: page.title, status: outcome.cached ? "cached" : "printed", html: page.htmlPath, ...printed, ...content, ...approval, contrastFixes: fixes, warnings, milliseconds: outcome.milliseconds, ...reading });
  });
  return { failures, entries, rows };
}

/** What went wrong, short of failing, while printing one handout. */
function handoutWarnings(page: HandoutPage, outcome: PrintOutcome & { ok: true }): string[] {
  // A one-page sheet that runs over is a failure of its own (see print-pdfs.ts), not a warning.
  return [
    ...outcome.blocked.map((url) => `${page.htmlPath}: blocked a request to ${url}; only the site's own files may load while printing`),
    ...checkWarnings(page.pdfPath, outcome.checks),
  ];
}

/** The clinic's sign-off as the report shows it beside a handout, and whether the handout changed since. */
function approvalOf(clinic: Clinic | undefined, page: HandoutPage): Pick<ReportRow, "approval"> {
  if (!clinic?.approval) return {};
  return { approval: { ...clinic.approval, outdated: page.review.changed > clinic.approval.on } };
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
