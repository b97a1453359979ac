import { displayPath } from "../clinics/load-clinics.ts";
import { CLINIC_SCHEMA_FILE } from "../clinics/json-schema.ts";
import { loadSiteSettings } from "../clinics/load-site-settings.ts";
import { reservedSiteUrlWarning } from "../clinics/reserved-site-url.ts";
import type { LibraryIndex } from "../clinics/schema.ts";
import { loadLibrary } from "../content/library.ts";
import { checkAnswer, createClinicFile, NEW_CLINIC_QUESTIONS, type NewClinicAnswers } from "../create-clinic-file.ts";
import { DEFAULT_LIBRARY } from "../package.ts";
import type { AnswerSource, Io } from "./io.ts";
import { DATA_OPTION, EXIT, text, UsageError, type Values } from "./options.ts";

export const NEW_OPTIONS = {
  ...DATA_OPTION,
  name: { type: "string" },
  phone: { type: "string" },
  colour: { type: "string" },
  color: { type: "string" },
  paper: { type: "string" },
} as const;

export async function runNew(io: Io, values: Values, positionals: string[]): Promise<number> {
  const [slug, ...extra] = positionals;
  if (slug === undefined) throw new UsageError("say which clinic to create, like: handouts new lakeside-pain");
  if (extra.length > 0)
    throw new UsageError(
      `one slug at a time; "${extra.join(" ")}" is one word too many (put a name with spaces in quotes: --name "Lakeside Pain Clinic")`,
    );
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
async function newClinicAnswers(io: Io, values: Values, library: LibraryIndex): Promise<NewClinicAnswers> {
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

async function askUntilRight(
  io: Io,
  source: AnswerSource | undefined,
  option: keyof NewClinicAnswers,
  question: string,
  fallback: string | undefined,
  library: LibraryIndex,
): Promise<string> {
  for (;;) {
    const typed = (await source?.next(question))?.trim();
    if (!typed && fallback !== undefined) return fallback;
    if (typed === undefined) {
      const example = NEW_CLINIC_QUESTIONS.find((candidate) => candidate.option === option);
      throw new UsageError(
        `--${option} is needed (no terminal to ask on, and no answer left on standard input), like --${option} ${example && "example" in example ? example.example : ""}`,
      );
    }
    const checked = typed === "" ? { problem: "is needed" } : checkAnswer(option, typed, library);
    if ("value" in checked) return checked.value;
    if (!source?.interactive) throw new UsageError(`the ${option} on standard input: ${checked.problem}`);
    io.err(`  ${option}: ${checked.problem}. Please try again.`);
  }
}
