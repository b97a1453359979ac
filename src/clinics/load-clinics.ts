import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { parse as parseJsonc, ParseErrorCode, printParseErrorCode, type ParseError } from "jsonc-parser";
import { InputError } from "../errors.ts";
import { checkLogo } from "./check-logo.ts";
import { explainIssues, type InputProblem } from "./plain-errors.ts";
import { clinicSchema, SLUG_PATTERN, type ClinicFile, type LibraryIndex } from "./schema.ts";

/** A clinic file that passed every check, with what its file name and logo tell us. */
export interface Clinic extends ClinicFile {
  slug: string;
  /** The clinic file as staff would name it, for messages. */
  file: string;
  /** Absolute path of the checked logo file. */
  logoFile?: string;
}

/** Clinic files larger than this are not clinic descriptions. */
export const MAX_CLINIC_FILE_BYTES = 256 * 1024;

/**
 * Read and check every `<dataDir>/clinics/*.json`. Every problem in every file is collected,
 * and if there is any, an InputError lists them all; otherwise the clinics come back sorted by slug.
 */
export async function loadClinics(dataDir: string, library: LibraryIndex): Promise<Clinic[]> {
  const clinicsDir = path.join(dataDir, "clinics");
  const files = await listClinicFiles(clinicsDir);
  const schema = clinicSchema(library);
  const results = await Promise.all(files.map((name) => loadClinic(dataDir, path.join(clinicsDir, name), schema)));
  const problems = results.flatMap((result) => ("problems" in result ? result.problems : []));
  if (problems.length > 0) throw new InputError(problems);
  return results.flatMap((result) => ("clinic" in result ? [result.clinic] : []));
}

async function listClinicFiles(clinicsDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(clinicsDir);
  } catch {
    throw new InputError([{ file: displayPath(clinicsDir), field: "", message: "folder not found; clinic files go in <data>/clinics/<slug>.json" }]);
  }
  const files = names.filter((name) => name.toLowerCase().endsWith(".json")).sort();
  if (files.length === 0) {
    throw new InputError([{ file: displayPath(clinicsDir), field: "", message: "no clinic files (*.json) found; add one, e.g. with `handouts new <slug>`" }]);
  }
  return files;
}

type LoadResult = { clinic: Clinic } | { problems: InputProblem[] };

async function loadClinic(dataDir: string, absoluteFile: string, schema: ReturnType<typeof clinicSchema>): Promise<LoadResult> {
  const file = displayPath(absoluteFile);
  const slug = path.basename(absoluteFile).replace(/\.json$/i, "");
  const problems: InputProblem[] = [];
  if (!SLUG_PATTERN.test(slug) || !absoluteFile.endsWith(".json")) {
    problems.push({ file, field: "(file name)", message: `"${slug}" is not a valid slug; name the file with lowercase letters, digits and dashes, like riverside-pain.json` });
  }
  const parsed = await readJson(absoluteFile, file);
  if ("problem" in parsed) return { problems: [...problems, parsed.problem] };
  const result = validateClinic(parsed.value, file, schema);
  if ("problems" in result) return { problems: [...problems, ...result.problems] };
  let logoFile: string | undefined;
  if (result.clinic.logo) {
    const logo = await checkLogo(dataDir, result.clinic.logo);
    if ("problem" in logo) problems.push({ file, field: "logo", message: logo.problem });
    else logoFile = logo.file;
  }
  if (problems.length > 0) return { problems };
  return { clinic: { ...result.clinic, slug, file, ...(logoFile ? { logoFile } : {}) } };
}

/** Check a parsed clinic file against the schema: the clinic's data, or a plain message per problem. Never throws. */
export function validateClinic(value: unknown, file: string, schema: ReturnType<typeof clinicSchema>): { clinic: ClinicFile } | { problems: InputProblem[] } {
  const result = schema.safeParse(value);
  return result.success ? { clinic: result.data } : { problems: explainIssues(file, schema, result.error.issues) };
}

/** Read a data file (JSON, comments allowed, at most MAX_CLINIC_FILE_BYTES): its value, or the problem with it. */
export async function readJson(absoluteFile: string, file: string): Promise<{ value: unknown } | { problem: InputProblem }> {
  const bytes = await readFile(absoluteFile);
  if (bytes.length > MAX_CLINIC_FILE_BYTES) {
    return { problem: { file, field: "", message: `file is ${Math.ceil(bytes.length / 1024)} KB; a clinic file may be at most ${MAX_CLINIC_FILE_BYTES / 1024} KB` } };
  }
  // Editors on Windows often save a byte-order mark; it is not an error.
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  const errors: ParseError[] = [];
  // Comments are allowed (the scaffold of `handouts new` explains each field in them), as in tsconfig.json.
  const value: unknown = parseJsonc(text, errors, JSONC_OPTIONS);
  return errors.length === 0 ? { value } : { problem: { file, field: "", message: describeSyntaxError(text) } };
}

const JSONC_OPTIONS = { allowTrailingComma: false, disallowComments: false, allowEmptyContent: false } as const;

const SYNTAX_MESSAGES: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.PropertyNameExpected]: 'expected a field name in double quotes (is there a comma too many before it?)',
  [ParseErrorCode.ValueExpected]: "expected a value (is there a comma too many before it?)",
  [ParseErrorCode.CommaExpected]: "expected a comma between two entries",
  [ParseErrorCode.ColonExpected]: 'expected a colon (:) after the field name',
  [ParseErrorCode.CloseBraceExpected]: "expected } to close an object",
  [ParseErrorCode.CloseBracketExpected]: "expected ] to close a list",
  [ParseErrorCode.EndOfFileExpected]: "expected the end of the file",
  [ParseErrorCode.UnexpectedEndOfString]: 'a text value is not closed with "',
  [ParseErrorCode.UnexpectedEndOfComment]: "a comment is not closed with */",
  [ParseErrorCode.InvalidCharacter]: "a text value holds a line break or control character (write \\n for a new line)",
  [ParseErrorCode.InvalidSymbol]: "unexpected character (text must be in double quotes)",
};

/** Where and what the first JSON syntax error is, as "invalid JSON at line 3, column 5: …". */
export function describeSyntaxError(text: string): string {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, JSONC_OPTIONS);
  const first = errors[0];
  const at = first?.offset ?? text.length;
  const before = text.slice(0, at).split("\n");
  const reason = first ? (SYNTAX_MESSAGES[first.error] ?? printParseErrorCode(first.error)) : "the file is not valid JSON";
  return `invalid JSON at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}: ${reason}`;
}

/** Paths in messages: relative to where the command was run when inside it, else absolute. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative.split(path.sep).join("/") : file;
}
