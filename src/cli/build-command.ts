import path from "node:path";
import { displayPath } from "../clinics/load-clinics.ts";
import { DEFAULTS } from "../package.ts";
import { build, BuildInterrupted, parseShard, type BuildFailure, type BuildResult } from "../index.ts";
import { printProgress, type PrintTally, type Progress } from "./progress.ts";
import type { Io } from "./io.ts";
import {
  DATA_OPTION,
  EXIT,
  list,
  maxGradeOf,
  REVIEW_OPTIONS,
  reviewOptionsOf,
  selectionOf,
  SELECT_OPTIONS,
  text,
  UsageError,
  wholeNumber,
  type Values,
} from "./options.ts";

export const BUILD_OPTIONS = {
  ...DATA_OPTION,
  ...SELECT_OPTIONS,
  ...REVIEW_OPTIONS,
  out: { type: "string", default: DEFAULTS.outDir },
  concurrency: { type: "string" },
  "max-grade": { type: "string" },
  "keep-going": { type: "boolean", default: false },
  "no-cache": { type: "boolean", default: false },
  "cache-dir": { type: "string" },
  shard: { type: "string" },
  "browser-ws": { type: "string", multiple: true },
  "serve-host": { type: "string" },
} as const;

export async function runBuild(io: Io, values: Values): Promise<number> {
  const shardText = text(values.shard);
  const shard = shardText === undefined ? undefined : parseShard(shardText);
  if (shardText !== undefined && !shard) throw new UsageError(`--shard takes i/n with 1 ≤ i ≤ n, like 2/3, not "${shardText}"`);
  const concurrency = wholeNumber(values, "concurrency", 1);
  const maxGrade = maxGradeOf(values);
  const browserWs = list(values["browser-ws"]);
  const serveHost = text(values["serve-host"]);
  const cacheDir = values["no-cache"] === true ? (false as const) : text(values["cache-dir"]);
  const interrupt = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    io.err(`handouts: ${signal} received, stopping; the previous output stays as it was.`);
    interrupt.abort(signal);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    let progress: Progress | undefined;
    const started = performance.now();
    const result = await build({
      dataDir: text(values.data) as string,
      outDir: text(values.out) as string,
      keepGoing: values["keep-going"] === true,
      select: selectionOf(values),
      ...reviewOptionsOf(values),
      ...(shard ? { shard } : {}),
      ...(browserWs ? { browserWs } : {}),
      ...(serveHost ? { serveHost } : {}),
      signal: interrupt.signal,
      ...(concurrency ? { concurrency } : {}),
      ...(maxGrade ? { maxReadingGrade: maxGrade } : {}),
      ...(cacheDir !== undefined ? { cacheDir } : {}),
      onPrintStart: (total) => {
        progress = printProgress(total, { interactive: Boolean(process.stderr.isTTY) && !process.env.CI, write: io.err });
      },
      onPrinted: (outcome) => progress?.update(outcome),
    });
    const tally = progress?.finish() ?? { printed: 0, cached: 0, failed: 0 };
    return report(io, result, tally, (performance.now() - started) / 1000);
  } catch (error) {
    if (error instanceof BuildInterrupted) return interrupt.signal.reason === "SIGINT" ? EXIT.interrupted : EXIT.terminated;
    throw error;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

function report(io: Io, result: BuildResult, tally: PrintTally, seconds: number): number {
  for (const warning of result.warnings) io.err(`warning: ${warning}`);
  const printed = result.manifest.handouts.length;
  const pages = result.manifest.handouts.reduce((sum, entry) => sum + entry.pages, 0);
  if (result.failures.length > 0) {
    for (const failure of result.failures) io.err(failureLine(failure));
    const outcome = result.written ? `the output was replaced anyway (--keep-going)` : `${result.outDir} was left as it was`;
    io.err(`${result.failures.length} handout(s) failed and ${printed} printed; ${outcome}. Report: ${displayPath(result.reportFile)}`);
    return EXIT.someFailed;
  }
  for (const line of readingSummary(result)) io.out(line);
  io.out(
    `${printed} handout PDF(s), ${pages} pages, in ${path.relative(process.cwd(), result.outDir) || "."}/ (see report.html): ` +
      `${tally.printed} printed, ${tally.cached} reused from cache, ${result.kept ? `${result.kept} kept as they were, ` : ""}${tally.failed} failed, in ${seconds.toFixed(1)} s.`,
  );
  return EXIT.ok;
}

/** A handout that did not print, named down to its print size (the standard and large print of one handout fail apart). */
export function failureLine({ clinic, handout, lang, variant, error }: BuildFailure): string {
  return `failed: ${clinic} / ${handout} (${lang}, ${variant === "large-print" ? "large" : "standard"} print): ${error}`;
}

/** Reading level per handout and language, as the range over all clinics (clinic notes change it a little). */

/** Reading level per handout and language, as the range over all clinics (clinic notes change it a little). */
function readingSummary(result: BuildResult): string[] {
  const grades = new Map<string, number[]>();
  for (const entry of result.manifest.handouts) {
    if (entry.readingGrade === undefined) continue;
    const key = `${entry.handout} (${entry.lang}, ${entry.readability?.formula})`;
    grades.set(key, [...(grades.get(key) ?? []), entry.readingGrade]);
  }
  return [...grades].sort().map(([key, values]) => {
    const [low, high] = [Math.min(...values), Math.max(...values)];
    return `  reading grade ${low === high ? low : `${low}–${high}`}: ${key}`;
  });
}
