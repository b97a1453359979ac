import { z } from "zod";
import { describeCharacter, uncoveredCharacters } from "../fonts/coverage.ts";
import { hiddenCharacterProblem } from "./hidden-characters.ts";

/** What the clinic schema needs to know about the handout library: valid ids and languages. */
export interface LibraryIndex {
  handoutIds: readonly string[];
  languages: readonly string[];
  /** Languages of the language-help taglines a clinic may choose from. */
  noticeLanguages: readonly string[];
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A slug names a file and a folder: short enough for any file system, with room for the tool's suffixes. */
export const MAX_SLUG_LENGTH = 64;

/** What is wrong with a slug (a clinic file's name without .json), or undefined when it is fine. */
export function slugProblem(slug: string): string | undefined {
  if (slug.length > MAX_SLUG_LENGTH)
    return `a slug may be at most ${MAX_SLUG_LENGTH} characters, not ${slug.length}; choose a shorter one, like riverside-pain`;
  if (!SLUG_PATTERN.test(slug))
    return `${JSON.stringify(slug)} is not a valid slug; use lowercase letters, digits and dashes, like riverside-pain`;
  return undefined;
}
const HEX_COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
// Digits, spaces and the usual separators; letters allow vanity numbers and "ext. 12".
const PHONE = /^\+?[0-9A-Za-z ().,-]+$/;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
const LOGO_PATH = /^[A-Za-z0-9_\-/]+\.(?:png|jpe?g|svg)$/i;

/** Limits keep a typo (or a pasted document) from producing an absurd handout. */
export const LIMITS = { name: 120, line: 200, note: 2000, phone: 40, url: 300 } as const;

/** Every text of a clinic file: trimmed, not empty, not too long, no hidden characters (line breaks only where `multiline`). */
const text = (max: number, { multiline = false } = {}) =>
  z
    .string()
    .trim()
    .min(1, { error: "must not be empty" })
    .max(max, { error: `is too long (at most ${max} characters)` })
    .refine((value) => hiddenCharacterProblem(value, { multiline }) === undefined, {
      error: (issue) => hiddenCharacterProblem(issue.input as string, { multiline }),
    })
    // Printed with the bundled typefaces only: a character none of them has would print as an empty box. (A hidden
    // character is refused above, once; it is not also "uncovered".)
    .refine((value) => hiddenCharacterProblem(value, { multiline }) !== undefined || uncoveredCharacters(value).length === 0, {
      error: (issue) => {
        const missing = uncoveredCharacters(issue.input as string)
          .map(describeCharacter)
          .join(", ");
        return `contains ${missing}, which none of the handouts' typefaces can print; remove it or write it in words`;
      },
    });

const hexColour = z
  .string()
  .regex(HEX_COLOUR, { error: (issue) => `${JSON.stringify(issue.input)} is not a hex colour like #1A5D8F` })
  .describe("A CSS hex colour such as #1A5D8F.");

const phone = text(LIMITS.phone)
  .regex(PHONE, { error: (issue) => `${JSON.stringify(issue.input)} is not a phone number like (555) 010-2000` })
  .refine((value) => (value.match(/[0-9]/g) ?? []).length >= 3, { error: "a phone number needs digits" });

/** Text written once for every language, or once per language code: { "en": "...", "es": "..." }. */
const localized = (max: number, languages: readonly string[], options: { multiline?: boolean } = {}) =>
  z.union([text(max, options), z.strictObject(Object.fromEntries(languages.map((lang) => [lang, text(max, options).optional()])))]);

/** "YYYY-MM-DD" naming a day that exists (not 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const isoDate = z.string().refine(isIsoDate, { error: (issue) => `${JSON.stringify(issue.input)} is not a date like 2026-11-28` });

const uniqueList = <T extends z.ZodType<string>>(item: T, what: string) =>
  z
    .array(item)
    .min(1, { error: `needs at least one ${what}` })
    .refine((list) => new Set(list).size === list.length, {
      error: (issue) => `lists the same ${what} twice: ${duplicatesIn(issue.input as string[]).join(", ")}`,
    });

function duplicatesIn(list: readonly string[]): string[] {
  return [...new Set(list.filter((item, index) => list.indexOf(item) !== index))];
}

const oneOf = (values: readonly string[], what: string) =>
  z.enum(values as [string, ...string[]], {
    error: (issue) => `${JSON.stringify(issue.input)} is not a known ${what}; use one of: ${values.join(", ")}`,
  });

/** Clinic-specific notes shown in the matching handout sections. */
export const NOTE_NAMES = ["arrival", "parking", "whatToBring", "fasting", "medicines", "sessionLength", "cost", "driver"] as const;

/** The clinic file schema. Handout ids and languages come from the library, so the schema is built for it. */
export function clinicSchema(library: LibraryIndex) {
  // What only the whole file can tell (a pack's handouts are the clinic's own) is checked once each field is right.
  return clinicFields(library).superRefine((clinic, context) => {
    for (const problem of bundleProblems(clinic)) context.addIssue({ code: "custom", path: problem.path, message: problem.message });
  });
}

function clinicFields(library: LibraryIndex) {
  const note = localized(LIMITS.note, library.languages, { multiline: true });
  return z.strictObject({
    $schema: z.string().optional(),
    name: text(LIMITS.name).describe("The clinic's name as patients know it."),
    logo: z
      .string()
      .regex(LOGO_PATH, { error: "must be a PNG, JPEG or SVG file inside the data folder, like logos/riverside.svg" })
      .optional()
      .describe("Path of the logo, relative to the data folder: PNG, JPEG or SVG."),
    brand: z.strictObject({
      primary: hexColour.describe("Main brand colour: header and headings."),
      accent: hexColour.optional().describe("Second brand colour: rules and highlights."),
    }),
    contact: z.strictObject({
      phone: phone.describe("The number patients call with questions."),
      afterHoursPhone: phone.optional().describe("The number to call when the clinic is closed."),
      email: text(LIMITS.line)
        .regex(EMAIL, { error: (issue) => `${JSON.stringify(issue.input)} is not an email address` })
        .optional(),
      website: text(LIMITS.url)
        .regex(/^https:\/\/[^\s<>"]+$/, { error: "must be a web address starting with https://" })
        .optional(),
      address: text(LIMITS.line).optional(),
    }),
    hours: localized(LIMITS.line, library.languages).optional().describe("Opening hours, e.g. Monday to Friday, 8 am to 5 pm."),
    paper: z.enum(["Letter", "A4"], { error: 'must be "Letter" or "A4"' }).default("Letter"),
    languages: uniqueList(oneOf(library.languages, "language"), "language")
      .refine((list) => list.length === 0 || list.includes("en"), { error: 'must include "en"' })
      .describe('Languages to publish, e.g. ["en", "es"].'),
    handouts: uniqueList(oneOf(library.handoutIds, "handout"), "handout").describe("Handout ids to publish."),
    languageNotice: z
      .union([
        z.literal(false),
        z.strictObject({
          languages: uniqueList(oneOf(library.noticeLanguages, "language of the taglines"), "language").describe(
            "The languages of the taglines, such as your state's 15 most common, in the order to print them.",
          ),
        }),
      ])
      .optional()
      .describe(
        "The block on every handout saying, in other languages, that language help and aids such as large print are free (US Section 1557). Default: taglines in the 15 most common non-English languages in the US; false leaves it out.",
      ),
    approval: z
      .strictObject({
        by: text(LIMITS.line).describe("Who approved the handouts for this clinic, with credentials, e.g. Dr. Ana Ruiz, MD."),
        on: isoDate.describe("The day of the approval, YYYY-MM-DD."),
      })
      .optional()
      .describe("The clinic's own clinical sign-off of its handouts; builds warn about handouts changed after it."),
    bundles: z
      .array(bundleSchema(library))
      .optional()
      .describe("Visit packs: handouts printed together as one PDF per language and print size, offered first on the clinic's page."),
    notes: z
      .strictObject(
        Object.fromEntries(NOTE_NAMES.map((name) => [name, note.optional()])) as Record<
          (typeof NOTE_NAMES)[number],
          z.ZodOptional<typeof note>
        >,
      )
      .optional()
      .describe("Clinic-specific instructions shown in the matching handout sections. A little Markdown is allowed."),
  });
}

/** A visit pack: `{ "id": "first-visit-pack", "title": { "en": "…" }, "handouts": ["your-visit", …] }`. */
function bundleSchema(library: LibraryIndex) {
  return z.strictObject({
    id: z
      .string()
      .regex(SLUG_PATTERN, { error: "must be lowercase letters, digits and dashes, like first-visit-pack" })
      .max(MAX_SLUG_LENGTH)
      .describe("The pack's name in its address: <clinic>/<lang>/<id>.pdf."),
    title: localized(LIMITS.name, library.languages)
      .refine((title) => typeof title === "string" || title.en !== undefined, { error: 'needs at least the English title, "en"' })
      .describe("The pack's title, once or per language; a language left out shows the English title."),
    handouts: uniqueList(oneOf(library.handoutIds, "handout"), "handout").describe(
      "The handouts in the pack, in order; each must be in the clinic's handouts.",
    ),
  });
}

/**
 * What only the whole clinic file can tell about its packs: each pack's handouts are published by the clinic
 * (each is still printed alone), and no pack shares its address with a handout, another pack or the clinic's page.
 */
export function bundleProblems(clinic: {
  handouts: readonly string[];
  bundles?: readonly { id: string; handouts: readonly string[] }[] | undefined;
}): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const seen = new Set<string>();
  for (const [index, bundle] of (clinic.bundles ?? []).entries()) {
    if (bundle.id === "index" || clinic.handouts.includes(bundle.id) || seen.has(bundle.id))
      problems.push({
        path: ["bundles", index, "id"],
        message: `"${bundle.id}" is taken (by a handout, another pack or the clinic's page); choose another id`,
      });
    seen.add(bundle.id);
    for (const [position, handout] of bundle.handouts.entries())
      if (!clinic.handouts.includes(handout))
        problems.push({
          path: ["bundles", index, "handouts", position],
          message: `"${handout}" is not in this clinic's handouts; add it there too`,
        });
  }
  return problems;
}

export type ClinicFile = z.output<ReturnType<typeof clinicSchema>>;
export type LocalizedText = string | Partial<Record<string, string>>;
export type NoteName = (typeof NOTE_NAMES)[number];
