import path from "node:path";
import { parseArgs } from "node:util";
import { createInterface } from "node:readline/promises";
import { closest, distance } from "fastest-levenshtein";
import { DEFAULT_LIBRARY } from "./package.ts";
import { displayPath } from "./clinics/load-clinics.ts";
import { loadSiteSettings } from "./clinics/load-site-settings.ts";
import { reservedSiteUrlWarning } from "./clinics/reserved-site-url.ts";
import { checkAnswer, createClinicFile, NEW_CLINIC_DEFAULTS, NEW_CLINIC_QUESTIONS, type NewClinicAnswers } from "./create-clinic-file.ts";
import type { Selection } from "./clinics/select-clinics.ts";
import { loadLibrary } from "./content/library.ts";
import { build, BuildInterrupted, check, dev, InputError, LibraryError, mergeManifests, parseShard, type BuildFailure, type BuildResult } from "./index.ts";
import { printProgress, type PrintTally, type Progress } from "./cli/progress.ts";
import { CLINIC_SCHEMA_FILE } from "./clinics/json-schema.ts";
import { isIsoDate, type LibraryIndex } from "./clinics/schema.ts";

/** Exit statuses: everything printed, some handouts failed, the input cannot be built. */
export const EXIT = { ok: 0, someFailed: 1, invalidInput: 2, interrupted: 130, terminated: 143 } as const;

/** What every command that reads clinics accepts. */
const DATA_OPTION = { data: { type: "string", default: "data" } } as const;
const SELECT_OPTIONS = {
  clinic: { type: "string", multiple: true },
  handout: { type: "string", multiple: true },
  lang: { type: "string", multiple: true },
} as const;
const COMMON_OPTIONS = { debug: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } } as const;

const REVIEW_OPTIONS = { "allow-overdue": { type: "boolean", default: false }, "as-of": { type: "string" } } as const;
const REVIEW_HELP = `  --allow-overdue      Go on when a section is past its review date (each is named as a warning)
  --as-of <date>       Check review dates as of this day, YYYY-MM-DD (default: today)`;

const SELECT_HELP = `  --clinic <slug>      Only this clinic (repeat for several)
  --handout <id>       Only this handout (repeat for several)
  --lang <code>        Only this language (repeat for several)`;

const COMMANDS = {
  build: {
    summary: "Check the clinic files, build the site and print every handout as a PDF.",
    usage: `Usage: handouts build [options]

Check the clinic files, build the site and print every handout as a PDF. The output folder is replaced
only when the build succeeds; report.html in it shows every handout.

Options:
  --data <dir>         Folder with clinics/ and logos (default: data)
  --out <dir>          Output folder: new, empty, or an earlier output of this tool (default: _site)
${SELECT_HELP}
  --concurrency <n>    Handouts printed at once (default: number of cores)
  --max-grade <n>      Highest reading grade (Flesch-Kincaid) an English handout may have (default: 8)
${REVIEW_HELP}
  --no-cache           Print every handout, ignoring PDFs kept from earlier builds
  --cache-dir <dir>    Where PDFs are kept between builds (default: .cache/clinic-handouts)
  --shard <i/n>        Print only shard i of n (for n machines); each writes manifest.part-<i>-of-<n>.json
  --browser-ws <url>   Print on an already running Chrome (DevTools WebSocket URL); repeat for several
  --serve-host <addr>  Address to serve the site on for --browser-ws browsers (default: 127.0.0.1)
  --keep-going         Publish the output even when some handouts failed (each is still reported)
  --debug              Show stack traces

Exit status: 0 all printed, 1 some handouts failed, 2 invalid input or usage.
Example: handouts build --clinic riverside-pain --lang es`,
    options: {
      ...DATA_OPTION,
      ...SELECT_OPTIONS,
      ...REVIEW_OPTIONS,
      out: { type: "string", default: "_site" },
      concurrency: { type: "string" },
      "max-grade": { type: "string" },
      "keep-going": { type: "boolean", default: false },
      "no-cache": { type: "boolean", default: false },
      "cache-dir": { type: "string" },
      shard: { type: "string" },
      "browser-ws": { type: "string", multiple: true },
      "serve-host": { type: "string" },
    },
  },
  check: {
    summary: "Check the clinic files and render every page, without printing: fast, no browser.",
    usage: `Usage: handouts check [options]

Check every clinic file and the handout library, render every page in memory, and report per handout
its reading grade and any brand colour that had to be darkened. Writes nothing and starts no browser.

Options:
  --data <dir>         Folder with clinics/ and logos (default: data)
${SELECT_HELP}
  --max-grade <n>      Highest reading grade (Flesch-Kincaid) an English handout may have (default: 8)
${REVIEW_HELP}

Exit status: 0 ready to build, 2 something must be fixed first (such as a section past its review date).`,
    options: { ...DATA_OPTION, ...SELECT_OPTIONS, ...REVIEW_OPTIONS, "max-grade": { type: "string" } },
  },
  new: {
    summary: "Create data/clinics/<slug>.json for a new clinic, ready to edit.",
    usage: `Usage: handouts new <slug> [options]

Write <data>/clinics/<slug>.json from a commented template, with the clinic's name, phone, colour and
paper filled in. On a terminal it asks for what the options do not give; otherwise --name and --phone
are needed. An existing file is never overwritten. <slug> is the clinic's short name in web addresses:
lowercase letters, digits and dashes, like lakeside-pain.

Options:
  --data <dir>         Folder with clinics/ (default: data)
  --name <text>        The clinic's name as patients know it
  --phone <number>     The number patients call, like "(555) 010-2000"
  --colour <hex>       Brand colour, like #1A5D8F (default: ${NEW_CLINIC_DEFAULTS.colour})
  --paper <size>       Letter or A4 (default: ${NEW_CLINIC_DEFAULTS.paper})

Example: handouts new lakeside-pain --name "Lakeside Pain Clinic" --phone "(555) 010-2000"`,
    options: { ...DATA_OPTION, name: { type: "string" }, phone: { type: "string" }, colour: { type: "string" }, color: { type: "string" }, paper: { type: "string" } },
  },
  dev: {
    summary: "Preview the site on localhost; it re-renders and re-prints as you save.",
    usage: `Usage: handouts dev [options]

Serve a preview of the site on http://localhost with live reload. Every save of a clinic file, logo,
section or template re-renders the pages and reloads the browser, then re-prints in the background only
the PDFs that changed. Stop it with Ctrl-C. The preview lives in .cache/dev/, not in your output folder.

Options:
  --data <dir>         Folder with clinics/ and logos (default: data)
  --port <n>           Port to serve on (default: 8080, or the next free one)
${SELECT_HELP}`,
    options: { ...DATA_OPTION, ...SELECT_OPTIONS, port: { type: "string" } },
  },
  merge: {
    summary: "Combine the manifest parts of sharded builds copied into one output folder.",
    usage: `Usage: handouts merge --out <dir>

Combine the manifest parts (manifest.part-<i>-of-<n>.json) of sharded builds, copied together into one
folder, into its manifest.json, after checking that every part is there and every PDF is as printed.

Options:
  --out <dir>          The folder the shards were copied into (default: _site)`,
    options: { out: { type: "string", default: "_site" } },
  },
} as const;

type CommandName = keyof typeof COMMANDS;

const USAGE = `Usage: handouts <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(8)}${command.summary}`)
  .join("\n")}

Run handouts <command> --help for a command's options.
Start with: handouts new <slug>, then handouts dev to preview, then handouts build.`;

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Where `handouts new` reads the answers the options do not give; absent when there is nobody to ask. */
  answers?: () => AnswerSource;
}

/**
 * Answers to questions: typed at a terminal (a wrong one can be asked again), or read one per line from
 * standard input piped in by a script (in the order asked; undefined once it ends).
 */
interface AnswerSource {
  interactive: boolean;
  next(question: string): Promise<string | undefined>;
  close(): void;
}

const defaultIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  answers: () => (process.stdin.isTTY ? terminalAnswers() : pipedAnswers()),
};

function terminalAnswers(): AnswerSource {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  return { interactive: true, next: (question) => terminal.question(question), close: () => terminal.close() };
}

function pipedAnswers(): AnswerSource {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })[Symbol.asyncIterator]();
  return {
    interactive: false,
    next: async () => {
      const line = await lines.next();
      return line.done ? undefined : line.value;
    },
    close: () => {
      void lines.return?.();
      process.stdin.destroy();
    },
  };
}

/** Parse the arguments, run the command, and return the exit status. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const name = argv[0];
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(USAGE);
    return name === undefined ? EXIT.invalidInput : EXIT.ok;
  }
  if (!(name in COMMANDS)) {
    const guess = closest(name, Object.keys(COMMANDS));
    const hint = distance(name, guess) <= 2 ? `did you mean "${guess}"? ` : "";
    return usageError(io, `unknown command "${name}"; ${hint}the commands are ${Object.keys(COMMANDS).join(", ")}`, distance(name, guess) <= 2 ? (guess as CommandName) : undefined);
  }
  const command = name as CommandName;
  let parsed;
  try {
    parsed = parseArgs({ args: argv.slice(1), allowPositionals: command === "new", options: { ...COMMANDS[command].options, ...COMMON_OPTIONS }, strict: true });
  } catch (error) {
    return usageError(io, (error as Error).message.replace(/\. To specify a positional argument.*$/s, ""), command);
  }
  if (parsed.values.help) {
    io.out(COMMANDS[command].usage);
    return EXIT.ok;
  }
  // Each command's values are typed by its own options.
  const values = parsed.values as Record<string, string | string[] | boolean | undefined>;
  const debug = values.debug === true;
  try {
    switch (command) {
      case "build":
        return await runBuild(io, values);
      case "check":
        return await runCheck(io, values);
      case "new":
        return await runNew(io, values, parsed.positionals);
      case "dev":
        return await runDev(io, values);
      case "merge":
        return await merge(io, values.out as string);
    }
  } catch (error) {
    if (error instanceof UsageError) return usageError(io, error.message, command);
    return reportError(io, error, debug);
  }
}

/** A mistake on the command line: exit 2 with what to type. */
class UsageError extends Error {}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);
const list = (value: unknown) => (Array.isArray(value) ? (value as string[]) : undefined);

function selectionOf(values: Record<string, unknown>): Selection {
  const [clinics, handouts, langs] = [list(values.clinic), list(values.handout), list(values.lang)];
  return { ...(clinics ? { clinics } : {}), ...(handouts ? { handouts } : {}), ...(langs ? { langs } : {}) };
}

function wholeNumber(values: Record<string, unknown>, option: string, minimum: number): number | undefined {
  const given = text(values[option]);
  if (given === undefined) return undefined;
  const number = Number(given);
  if (!Number.isInteger(number) || number < minimum) throw new UsageError(`--${option} takes a whole number of at least ${minimum}, not "${given}"`);
  return number;
}

/** --allow-overdue and --as-of, as build and check take them. */
function reviewOptionsOf(values: Record<string, unknown>): { allowOverdue: boolean; asOf?: string } {
  const asOf = text(values["as-of"]);
  if (asOf !== undefined && !isIsoDate(asOf)) {
    throw new UsageError(`--as-of takes a date like 2027-01-31, not "${asOf}"`);
  }
  return { allowOverdue: values["allow-overdue"] === true, ...(asOf ? { asOf } : {}) };
}

function maxGradeOf(values: Record<string, unknown>): number | undefined {
  const given = text(values["max-grade"]);
  if (given === undefined) return undefined;
  if (!(Number(given) > 0)) throw new UsageError(`--max-grade takes a number above 0, not "${given}"`);
  return Number(given);
}

async function runBuild(io: Io, values: Record<string, unknown>): Promise<number> {
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

async function runCheck(io: Io, values: Record<string, unknown>): Promise<number> {
  const maxGrade = maxGradeOf(values);
  const result = await check({ dataDir: text(values.data) as string, select: selectionOf(values), ...reviewOptionsOf(values), ...(maxGrade ? { maxReadingGrade: maxGrade } : {}) });
  for (const handout of result.handouts) {
    const grade = handout.readability ? `reading grade ${handout.readability.grade} (${handout.readability.formula})` : "no reading formula for this language";
    const fixes = handout.contrastFixes.map((fix) => `; ${fix.field} ${fix.given} → ${fix.used}`).join("");
    io.out(`  ${handout.clinic} / ${handout.handout} (${handout.lang}): ${grade}${fixes}`);
  }
  for (const warning of result.warnings) io.err(`warning: ${warning}`);
  for (const problem of result.problems) io.err(problem);
  if (result.problems.length > 0) {
    io.err(`${result.problems.length} problem(s) found; a build would refuse to start.`);
    return EXIT.invalidInput;
  }
  io.out(`${result.handouts.length} handout(s) checked: ready to build (handouts build).`);
  return EXIT.ok;
}

async function runNew(io: Io, values: Record<string, unknown>, positionals: string[]): Promise<number> {
  const [slug, ...extra] = positionals;
  if (slug === undefined) throw new UsageError("say which clinic to create, like: handouts new lakeside-pain");
  if (extra.length > 0) throw new UsageError(`one slug at a time; "${extra.join(" ")}" is one word too many (put a name with spaces in quotes: --name "Lakeside Pain Clinic")`);
  const library = await loadLibrary(DEFAULT_LIBRARY);
  const answers = await newClinicAnswers(io, values, library);
  const file = await createClinicFile(text(values.data) as string, slug, answers, library, CLINIC_SCHEMA_FILE);
  io.out(`Created ${displayPath(file)}. Next:`);
  const dataDir = text(values.data) as string;
  const placeholderUrl = reservedSiteUrlWarning(dataDir, (await loadSiteSettings(dataDir)).url);
  if (placeholderUrl) io.err(`warning: ${placeholderUrl}`);
  io.out(`  1. Open it and fill in what applies to your clinic (hours, notes, logo); the comments explain each field.`);
  io.out(`  2. npm run dev         to preview the handouts as you edit`);
  io.out(`  3. npm start           to build the site and every PDF into _site/`);
  return EXIT.ok;
}

/**
 * The answers for `new`: from the options, else typed at a terminal (each checked as it is typed, and asked
 * again until it is right), else read from standard input, one per line in the order asked (once one
 * answer is read from it, the rest are too; before that, a question with a default takes the default).
 */
async function newClinicAnswers(io: Io, values: Record<string, unknown>, library: LibraryIndex): Promise<NewClinicAnswers> {
  const answers: Partial<Record<keyof NewClinicAnswers, string>> = {};
  let source: AnswerSource | undefined;
  let readFromInput = false;
  try {
    for (const { option, question, ...rest } of NEW_CLINIC_QUESTIONS) {
      const given = text(values[option]) ?? (option === "colour" ? text(values.color) : undefined);
      const fallback = "fallback" in rest ? rest.fallback : undefined;
      if (given !== undefined) {
        const checked = checkAnswer(option, given, library);
        if ("problem" in checked) throw new UsageError(`--${option}: ${checked.problem}`);
        answers[option] = checked.value;
        continue;
      }
      source ??= io.answers?.();
      // A script that gave the needed options gets the defaults for the rest, without waiting on standard input.
      if (fallback !== undefined && !source?.interactive && !readFromInput) {
        answers[option] = fallback;
        continue;
      }
      readFromInput = true;
      answers[option] = await askUntilRight(io, source, option, `${question}${fallback ? ` [${fallback}]` : ""}: `, fallback, library);
    }
  } finally {
    source?.close();
  }
  return answers as NewClinicAnswers;
}

async function askUntilRight(io: Io, source: AnswerSource | undefined, option: keyof NewClinicAnswers, question: string, fallback: string | undefined, library: LibraryIndex): Promise<string> {
  for (;;) {
    const typed = (await source?.next(question))?.trim();
    if (!typed && fallback !== undefined) return fallback;
    if (typed === undefined) {
      const example = NEW_CLINIC_QUESTIONS.find((candidate) => candidate.option === option);
      throw new UsageError(`--${option} is needed (no terminal to ask on, and no answer left on standard input), like --${option} ${example && "example" in example ? example.example : ""}`);
    }
    const checked = typed === "" ? { problem: "is needed" } : checkAnswer(option, typed, library);
    if ("value" in checked) return checked.value;
    if (!source?.interactive) throw new UsageError(`the ${option} on standard input: ${checked.problem}`);
    io.err(`  ${option}: ${checked.problem}. Please try again.`);
  }
}

async function runDev(io: Io, values: Record<string, unknown>): Promise<number> {
  const port = wholeNumber(values, "port", 0);
  const server = await dev({ dataDir: text(values.data) as string, select: selectionOf(values), ...(port !== undefined ? { port } : {}), log: io.err });
  io.out(`Preview: ${server.url}  (Ctrl-C to stop)`);
  const reason = await untilStopped();
  await server.close();
  io.err(`handouts dev: ${reason}, stopped.`);
  return EXIT.ok;
}

/**
 * Wait for Ctrl-C or SIGTERM, or for the process that started this one to be gone (npm killed, a
 * terminal closed): a preview nobody can stop any more must not keep its port and its browser.
 */
function untilStopped(): Promise<string> {
  const parent = process.ppid;
  return new Promise((resolve) => {
    const stop = (reason: string) => {
      clearInterval(timer);
      process.off("SIGINT", onInterrupt);
      process.off("SIGTERM", onTerminate);
      resolve(reason);
    };
    const onInterrupt = () => stop("SIGINT received");
    const onTerminate = () => stop("SIGTERM received");
    const timer = setInterval(() => process.ppid !== parent && stop("the process that started it is gone"), 500);
    process.once("SIGINT", onInterrupt);
    process.once("SIGTERM", onTerminate);
  });
}

async function merge(io: Io, outDir: string): Promise<number> {
  const manifest = await mergeManifests(outDir);
  io.out(`Merged ${manifest.handouts.length} handouts into ${path.join(outDir, "manifest.json")}.`);
  return EXIT.ok;
}

function usageError(io: Io, message: string, command?: CommandName): number {
  io.err(`handouts: ${message}`);
  io.err(command ? `Try: handouts ${command} --help` : "Try: handouts --help");
  return EXIT.invalidInput;
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
    const count = error.problems.length;
    io.err(`${count} problem(s) found; nothing was written.`);
    return EXIT.invalidInput;
  }
  io.err(`handouts: ${error instanceof Error ? error.message : String(error)}`);
  if (debug && error instanceof Error && error.stack) io.err(error.stack);
  else io.err("(run again with --debug for details)");
  return EXIT.someFailed;
}
