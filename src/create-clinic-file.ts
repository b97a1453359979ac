import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Library } from "./content/library.ts";
import { InputError } from "./errors.ts";
import { parseJson } from "./input/parse-json.ts";
import { displayPath, validateClinic } from "./clinics/load-clinics.ts";
import { clinicSchema, NOTE_NAMES, slugProblem, type LibraryIndex } from "./clinics/schema.ts";

/** What `handouts new` asks for; everything else in the scaffold is a commented-out example. */
export interface NewClinicAnswers {
  name: string;
  phone: string;
  colour: string;
  paper: "Letter" | "A4";
}

export const NEW_CLINIC_DEFAULTS = { colour: "#1A5D8F", paper: "Letter" } as const;

/** What `handouts new` asks, in the order it asks; each answer can also be given as the option of the same name. */
export const NEW_CLINIC_QUESTIONS = [
  { option: "name", question: "Clinic name, as patients know it", example: '"Lakeside Pain Clinic"' },
  { option: "phone", question: "Phone number patients call", example: '"(555) 010-2000"' },
  { option: "colour", question: "Brand colour (hex, like 1A5D8F)", fallback: NEW_CLINIC_DEFAULTS.colour },
  { option: "paper", question: "Paper size, Letter or A4", fallback: NEW_CLINIC_DEFAULTS.paper },
] as const satisfies readonly { option: keyof NewClinicAnswers; question: string; fallback?: string; example?: string }[];

/**
 * Check one answer with the same rules as the clinic file: the value to use (a colour gets its "#", a
 * paper size its usual spelling), or the problem in plain words.
 */
export function checkAnswer(option: keyof NewClinicAnswers, typed: string, library: LibraryIndex): { value: string } | { problem: string } {
  const schema = clinicSchema(library).shape;
  const value = typed.trim();
  const field = {
    name: () => schema.name.safeParse(value),
    phone: () => schema.contact.shape.phone.safeParse(value),
    colour: () => schema.brand.shape.primary.safeParse(/^[0-9a-f]{3}(?:[0-9a-f]{3})?$/i.test(value) ? `#${value}` : value),
    paper: () => schema.paper.safeParse(/^a4$/i.test(value) ? "A4" : /^letter$/i.test(value) ? "Letter" : value),
  }[option]();
  return field.success ? { value: String(field.data) } : { problem: field.error.issues[0]?.message ?? "is not valid" };
}

/**
 * Write `<dataDir>/clinics/<slug>.json` from a commented scaffold with the `$schema` line. The
 * scaffold is checked with the same schema as every build before it is written, and an existing
 * file is never overwritten. Returns the file's path.
 */
export async function createClinicFile(
  dataDir: string,
  slug: string,
  answers: NewClinicAnswers,
  library: Library,
  schemaFile: string,
): Promise<string> {
  const file = path.join(dataDir, "clinics", `${slug}.json`);
  const shown = displayPath(file);
  const badSlug = slugProblem(slug);
  if (badSlug) throw new InputError([{ file: shown, field: "(file name)", message: badSlug }]);
  const text = clinicScaffold(answers, library, path.relative(path.dirname(file), schemaFile).split(path.sep).join("/"));
  const parsed = parseJson(text);
  const checked =
    "problems" in parsed
      ? { problems: parsed.problems.map((problem) => ({ file: shown, ...problem })) }
      : validateClinic(parsed.value, shown, clinicSchema(library));
  if ("problems" in checked) throw new InputError(checked.problems);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text, { flag: "wx" });
  } catch (error) {
    throw new InputError([{ file: shown, field: "", message: cannotWrite(error as NodeJS.ErrnoException) }]);
  }
  return file;
}

/** Why the clinic file could not be written, and what to do. */
function cannotWrite(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "EEXIST":
      return "already exists; edit it, or choose another slug (nothing was overwritten)";
    case "ENOTDIR":
      return "cannot be written: a part of its path is a file, not a folder; check --data";
    case "EACCES":
    case "EPERM":
      return "cannot be written: permission denied";
    case "ENAMETOOLONG":
      return "cannot be written: the path is too long for this system; use a shorter --data folder";
    default:
      return `cannot be written (${error.code ?? error.message})`;
  }
}

/** The clinic file text: the answers filled in, every other field explained in a comment. */
export function clinicScaffold(answers: NewClinicAnswers, library: Library, schemaPath: string): string {
  const english = library.languagePacks.get("en");
  const handoutLines = library.handouts.map((handout, index) => {
    const comma = index < library.handouts.length - 1 ? "," : "";
    return `    ${JSON.stringify(handout.id)}${comma} // ${english?.handouts[handout.id]?.title ?? ""}`;
  });
  const otherLanguages = library.languages.filter((lang) => lang !== "en").map((lang) => `"${lang}"`);
  const noteLines = NOTE_NAMES.map((name, index) => `  //   ${JSON.stringify(name)}: "…"${index < NOTE_NAMES.length - 1 ? "," : ""}`);
  return `{
  // The clinic's handouts are built from this file. Your editor checks it against this schema:
  "$schema": ${JSON.stringify(schemaPath)},

  // The clinic's name as patients know it.
  "name": ${JSON.stringify(answers.name)},

  // A logo: PNG, JPEG or SVG (at most 512 KB), relative to the data folder. Remove the // to use it.
  // "logo": "logos/your-logo.svg",

  "brand": {
    // Main colour, for the header and headings. A colour too light to read on white is darkened (with a warning).
    "primary": ${JSON.stringify(answers.colour)}
    // A second colour for rules and highlights:
    // , "accent": "#2A9D8F"
  },

  "contact": {
    // The number patients call with questions.
    "phone": ${JSON.stringify(answers.phone)}
    // More ways to reach the clinic (remove the // of those you use):
    // , "afterHoursPhone": "(555) 010-9999"
    // , "email": "clinic@example.org"
    // , "website": "https://example.org"
    // , "address": "12 Main Street, Springfield"
  },

  // Opening hours, in plain words:
  // "hours": "Monday to Friday, 8 am to 5 pm",

  // Paper size of the PDFs: "Letter" or "A4".
  "paper": ${JSON.stringify(answers.paper)},

  // Languages to publish. "en" is always included; also available: ${otherLanguages.join(", ") || "none yet"}.
  "languages": ["en"],

  // Handouts to publish; remove the lines you do not want.
  "handouts": [
${handoutLines.join("\n")}
  ]

  // Your clinic's own instructions, shown in the matching handout sections (a little Markdown is allowed;
  // write { "en": "…", "es": "…" } for a different text per language). Without a note, general wording is used.
  // , "notes": {
${noteLines.join("\n")}
  // }
}
`;
}
