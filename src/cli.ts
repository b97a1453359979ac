import path from "node:path";
import { parseArgs } from "node:util";
import { printProgress, type PrintTally, type Progress } from "./progress.ts";
import { build, BuildInterrupted, InputError, LibraryError, mergeManifests, parseShard, type BuildResult } from "./index.ts";

/** Exit statuses: everything printed, some handouts failed, the input cannot be built. */
export const EXIT = { ok: 0, someFailed: 1, invalidInput: 2, interrupted: 130, terminated: 143 } as const;

const USAGE = `Usage: handouts <command> [options]

Commands:
  build     Check the clinic files, build the site and print every handout as a PDF.
  merge     Combine the manifest parts of sharded builds copied into one output folder (--out).

Options for build:
  --data <dir>         Folder with clinics/ and logos (default: data)
  --out <dir>          Output folder, replaced only when the build succeeds (default: _site)
  --concurrency <n>    Handouts printed at once (default: number of cores)
  --max-grade <n>      Highest reading grade (Flesch-Kincaid) an English handout may have (default: 8)
  --no-cache           Print every handout, ignoring PDFs kept from earlier builds
  --cache-dir <dir>    Where PDFs are kept between builds (default: .cache/clinic-handouts)
  --shard <i/n>        Print only shard i of n (for n machines); each writes manifest.part-<i>-of-<n>.json
  --browser-ws <url>   Print on an already running Chrome (DevTools WebSocket URL); repeat for several
  --serve-host <addr>  Address to serve the site on for --browser-ws browsers (default: 127.0.0.1)
  --keep-going         Publish the output even when some handouts failed (each is still reported)
  --debug              Show stack traces
  -h, --help           Show this help

Exit status: 0 all printed, 1 some handouts failed, 2 invalid input or usage.`;

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIo: Io = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };

/** Parse the arguments, run the command, and return the exit status. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        data: { type: "string", default: "data" },
        out: { type: "string", default: "_site" },
        concurrency: { type: "string" },
        "max-grade": { type: "string" },
        "keep-going": { type: "boolean", default: false },
        "no-cache": { type: "boolean", default: false },
        "cache-dir": { type: "string" },
        shard: { type: "string" },
        "browser-ws": { type: "string", multiple: true },
        "serve-host": { type: "string" },
        debug: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    return usageError(io, (error as Error).message);
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || command === "help") {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (command === "merge") return merge(io, values.out, values.debug);
  if (command !== "build") return usageError(io, command ? `unknown command "${command}"` : "no command given");
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (values.shard !== undefined && !shard) return usageError(io, `--shard takes i/n with 1 ≤ i ≤ n, like 2/3, not "${values.shard}"`);
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0)) {
    return usageError(io, `--concurrency takes a whole number above 0, not "${values.concurrency}"`);
  }
  const maxGrade = values["max-grade"] === undefined ? undefined : Number(values["max-grade"]);
  if (maxGrade !== undefined && !(maxGrade > 0)) return usageError(io, `--max-grade takes a number above 0, not "${values["max-grade"]}"`);
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
      dataDir: values.data,
      outDir: values.out,
      keepGoing: values["keep-going"],
      ...(shard ? { shard } : {}),
      ...(values["browser-ws"] ? { browserWs: values["browser-ws"] } : {}),
      ...(values["serve-host"] ? { serveHost: values["serve-host"] } : {}),
      signal: interrupt.signal,
      ...(concurrency ? { concurrency } : {}),
      ...(maxGrade ? { maxReadingGrade: maxGrade } : {}),
      ...(values["no-cache"] ? { cacheDir: false as const } : values["cache-dir"] ? { cacheDir: values["cache-dir"] } : {}),
      onPrintStart: (total) => {
        progress = printProgress(total, { interactive: Boolean(process.stderr.isTTY) && !process.env.CI, write: io.err });
      },
      onPrinted: (outcome) => progress?.update(outcome),
    });
    const tally = progress?.finish() ?? { printed: 0, cached: 0, failed: 0 };
    return report(io, result, tally, (performance.now() - started) / 1000);
  } catch (error) {
    if (error instanceof BuildInterrupted) return interrupt.signal.reason === "SIGINT" ? EXIT.interrupted : EXIT.terminated;
    return reportError(io, error, values.debug);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

async function merge(io: Io, outDir: string, debug: boolean): Promise<number> {
  try {
    const manifest = await mergeManifests(outDir);
    io.out(`Merged ${manifest.handouts.length} handouts into ${path.join(outDir, "manifest.json")}.`);
    return EXIT.ok;
  } catch (error) {
    return reportError(io, error, debug);
  }
}

function usageError(io: Io, message: string): number {
  io.err(`handouts: ${message}`);
  io.err("Try: handouts build --data data --out _site    (or handouts --help)");
  return EXIT.invalidInput;
}

function report(io: Io, result: BuildResult, tally: PrintTally, seconds: number): number {
  for (const warning of result.warnings) io.err(`warning: ${warning}`);
  const printed = result.manifest.handouts.length;
  const pages = result.manifest.handouts.reduce((sum, entry) => sum + entry.pages, 0);
  if (result.failures.length > 0) {
    for (const failure of result.failures) io.err(`failed: ${failure.clinic} / ${failure.handout} (${failure.lang}): ${failure.error}`);
    const outcome = result.written ? `the output was replaced anyway (--keep-going)` : `${result.outDir} was left as it was`;
    io.err(`${result.failures.length} handout(s) failed and ${printed} printed; ${outcome}.`);
    return EXIT.someFailed;
  }
  for (const line of readingSummary(result)) io.out(line);
  io.out(
    `${printed} handout PDF(s), ${pages} pages, in ${path.relative(process.cwd(), result.outDir) || "."}/ (see manifest.json): ` +
      `${tally.printed} printed, ${tally.cached} reused from cache, ${tally.failed} failed, in ${seconds.toFixed(1)} s.`,
  );
  return EXIT.ok;
}

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

function reportError(io: Io, error: unknown, debug: boolean): number {
  if (error instanceof InputError || error instanceof LibraryError) {
    io.err(error.message);
    const count = error instanceof InputError ? error.problems.length : 1;
    io.err(`${count} problem(s) found; nothing was written.`);
    return EXIT.invalidInput;
  }
  io.err(`handouts: ${error instanceof Error ? error.message : String(error)}`);
  if (debug && error instanceof Error && error.stack) io.err(error.stack);
  else io.err("(run again with --debug for details)");
  return EXIT.someFailed;
}
