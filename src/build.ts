import os from "node:os";
import type { Browser } from "puppeteer-core";
import { checkReadingLevel, DEFAULT_MAX_READING_GRADE } from "./content/check-reading-level.ts";
import { InputError } from "./errors.ts";
import { loadInputs, withKeptHandouts, type InputOptions, type LoadedInputs } from "./load-inputs.ts";
import { collectOutcomes, factsOf } from "./output/collect-outcomes.ts";
import { fillPdfFacts } from "./output/fill-pdf-facts.ts";
import { copyKeptFiles, handoutsToKeep } from "./output/keep-previous.ts";
import { sortManifest, writeManifest, type Manifest, type ManifestFailure } from "./output/manifest.ts";
import { claimOutputFolder } from "./output/output-folder.ts";
import { keptRow, writeReport } from "./output/report.ts";
import { itemsOfShard, manifestPartName, type Shard } from "./output/shards.ts";
import { withStagedOutput } from "./output/staged-output.ts";
import { DEFAULTS } from "./package.ts";
import { DEFAULT_CACHE_DIR } from "./printing/print-cache.ts";
import { printHandouts } from "./printing/print-handouts.ts";
import type { PrintOutcome } from "./printing/print-pdfs.ts";
import { renderSiteInBatches } from "./render/render-site.ts";
import type { HandoutPage } from "./render/site-data.ts";

export interface BuildOptions extends InputOptions {
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

/** A handout that did not print: its clinic, handout, language, print size, and why. */
export type BuildFailure = ManifestFailure;

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

/**
 * Build the site and print every handout. Invalid input throws InputError before anything is
 * written; the previous output is replaced only when every handout printed.
 */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const { outDir, inputs: checked } = await claimOutputAndLoadInputs(options);
  const measures = checkReadingLevel(
    checked.site.handoutPages,
    checked.clinics,
    checked.library,
    options.maxReadingGrade ?? DEFAULT_MAX_READING_GRADE,
  );
  // Shards are parts of one build, merged later: each writes only its own.
  const kept = options.shard ? [] : await handoutsToKeep(outDir, checked.allClinics, options.select);
  const inputs = withKeptHandouts(checked, kept, options.select);
  const { clinics, site } = inputs;
  const warnings = [...inputs.warnings];
  return withStagedOutput(outDir, async (stagingDir) => {
    await copyKeptFiles(outDir, stagingDir, kept);
    // Every page that is printed, in the order it is rendered: the handouts, then the visit packs made of them.
    const printed = [...site.handoutPages, ...(site.bundlePages ?? [])];
    const inShard = options.shard ? shardOf(site, options.shard) : undefined;
    const pages = inShard ? printed.filter((page) => inShard.has(page)) : printed;
    options.onPrintStart?.(pages.length);
    // Each batch of pages is printed while Eleventy renders the next.
    const batches = onlyPages(renderSiteInBatches(inputs, stagingDir), inShard);
    const outcomes = await printHandouts(batches, {
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
    const report = {
      rows: collected.rows,
      published: written,
      warnings: [...inputs.warnings, ...pdfWarnings],
      seconds: (performance.now() - started) / 1000,
    };
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

/** The pages a shard prints: every nth handout, and every nth pack. */
function shardOf(site: LoadedInputs["site"], shard: Shard): Set<HandoutPage> {
  const byPath = (page: HandoutPage) => page.htmlPath;
  return new Set([...itemsOfShard(site.handoutPages, byPath, shard), ...itemsOfShard(site.bundlePages ?? [], byPath, shard)]);
}

/** The batches of rendered pages, keeping only those this build prints (its shard). */
async function* onlyPages(
  batches: AsyncIterable<readonly HandoutPage[]>,
  keep: ReadonlySet<HandoutPage> | undefined,
): AsyncGenerator<readonly HandoutPage[]> {
  for await (const batch of batches) yield keep ? batch.filter((page) => keep.has(page)) : batch;
}

/** The build was stopped (Ctrl-C, SIGTERM): nothing was swapped in. */
export class BuildInterrupted extends Error {
  override name = "BuildInterrupted";
  constructor() {
    super("the build was interrupted; the previous output was left as it was");
  }
}
