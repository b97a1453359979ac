import { parseArgs } from "node:util";
import { closest, distance } from "fastest-levenshtein";
import { BUILD_OPTIONS, runBuild } from "./cli/build-command.ts";
import { CHECK_OPTIONS, runCheck } from "./cli/check-command.ts";
import { DEV_OPTIONS, runDev } from "./cli/dev-command.ts";
import { HELP, USAGE, type CommandName } from "./cli/help.ts";
import { defaultIo, type Io } from "./cli/io.ts";
import { MERGE_OPTIONS, runMerge } from "./cli/merge-command.ts";
import { NEW_OPTIONS, runNew } from "./cli/new-command.ts";
import { NEW_HANDOUT_OPTIONS, runNewHandout } from "./cli/new-handout-command.ts";
import { COMMON_OPTIONS, EXIT, UsageError, type Values } from "./cli/options.ts";
import { InputError, LibraryError } from "./errors.ts";

// The `handouts` command: parses the arguments and hands each command to its module under cli/, which calls the API.

export { EXIT } from "./cli/options.ts";
export { failureLine } from "./cli/build-command.ts";

/** Each command's options, as node:util parseArgs takes them; its help is in cli/help.ts. */
const OPTIONS = {
  build: BUILD_OPTIONS,
  check: CHECK_OPTIONS,
  new: NEW_OPTIONS,
  "new-handout": NEW_HANDOUT_OPTIONS,
  dev: DEV_OPTIONS,
  merge: MERGE_OPTIONS,
} as const;

/** Parse the arguments, run the command, and return the exit status. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const name = argv[0];
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(USAGE);
    return name === undefined ? EXIT.invalidInput : EXIT.ok;
  }
  if (!(name in HELP)) {
    const guess = closest(name, Object.keys(HELP));
    const hint = distance(name, guess) <= 2 ? `did you mean "${guess}"? ` : "";
    return usageError(
      io,
      `unknown command "${name}"; ${hint}the commands are ${Object.keys(HELP).join(", ")}`,
      distance(name, guess) <= 2 ? (guess as CommandName) : undefined,
    );
  }
  const command = name as CommandName;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.slice(1),
      allowPositionals: command === "new" || command === "new-handout",
      options: { ...OPTIONS[command], ...COMMON_OPTIONS },
      strict: true,
    });
  } catch (error) {
    return usageError(io, (error as Error).message.replace(/\. To specify a positional argument.*$/s, ""), command);
  }
  if (parsed.values.help) {
    io.out(HELP[command].usage);
    return EXIT.ok;
  }
  // Each command's values are typed by its own options.
  const values = parsed.values as Values;
  const debug = values.debug === true;
  try {
    switch (command) {
      case "build":
        return await runBuild(io, values);
      case "check":
        return await runCheck(io, values);
      case "new":
        return await runNew(io, values, parsed.positionals);
      case "new-handout":
        return await runNewHandout(io, values, parsed.positionals);
      case "dev":
        return await runDev(io, values);
      case "merge":
        return await runMerge(io, values.out as string);
    }
  } catch (error) {
    if (error instanceof UsageError) return usageError(io, error.message, command);
    return reportError(io, error, debug);
  }
}

function usageError(io: Io, message: string, command?: CommandName): number {
  io.err(`handouts: ${message}`);
  io.err(command ? `Try: handouts ${command} --help` : "Try: handouts --help");
  return EXIT.invalidInput;
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
