import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import type nunjucks from "nunjucks";
import { z } from "zod";
import type { LogoImage } from "../clinics/rebuild-logo.ts";
import type { LibraryIndex } from "../clinics/schema.ts";
import { LibraryError } from "../errors.ts";
import { languageHelpFile, languageHelpSchema, readLanguageHelp, type LanguageHelp } from "./language-help.ts";
import { ICONS, ILLUSTRATIONS, isIconName, isIllustrationName } from "./icons.ts";
import { languagePackSchema, type LanguagePack } from "./language-pack.ts";
import { compileSection } from "./section-template.ts";

/** `data/handouts/<id>.json`: which sections make a handout, in order. */
const handoutDefinitionSchema = z.strictObject({
  order: z.number().int().describe("Position in the clinic's list of handouts."),
  layout: z
    .enum(["standard", "one-page"])
    .default("standard")
    .describe("one-page: compact print layout for a sheet that must fit one page."),
  sections: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1),
});

/** A date in front matter: YAML reads `2026-11-28` as a Date, a quoted one as text; both become "2026-11-28". */
const isoDate = z
  .union([z.date(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be a date like 2026-11-28" })])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value));

/** A public source a section rests on, named so a reader can find it, with its web address. */
const sourceSchema = z.strictObject({
  name: z.string().min(1),
  url: z.string().regex(/^https:\/\/[^\s<>"]+$/, { error: "must be the source's web address, starting with https://" }),
});

/** Front matter of `templates/content/<lang>/sections/<id>.md`. */
export const sectionFrontMatterSchema = z
  .strictObject({
    title: z.string().min(1),
    /** "key-points": the box of 3–5 things to remember that opens a handout. */
    kind: z.enum(["key-points"]).optional(),
    lastReviewed: isoDate,
    /** When a clinician must look at the section again; past it, builds stop (see review-dates.ts). */
    nextReview: isoDate,
    sources: z.array(sourceSchema).min(1, { error: "every section names at least one source" }),
    /** In a translation: the `lastReviewed` of the English section it was translated from. */
    translatedFrom: isoDate.optional(),
    /** In a translation: the qualified medical translator who checked it, when one has. */
    translationReviewedBy: z.string().min(1).optional(),
  })
  .refine((section) => section.nextReview > section.lastReviewed, {
    error: "nextReview must come after lastReviewed",
    path: ["nextReview"],
  });

export type HandoutDefinition = z.output<typeof handoutDefinitionSchema> & { id: string };
export type Source = z.output<typeof sourceSchema>;
export type Section = z.output<typeof sectionFrontMatterSchema> & {
  id: string;
  lang: string;
  /** The section's file, for messages. */
  file: string;
  /** The clinic whose own section this is (data/content/<slug>/); not set for the library's. */
  ownedBy?: string;
  /** A clinic section's pictures, rebuilt, and where in the site each is published. */
  pictures?: { sitePath: string; image: LogoImage }[];
  /** Its text as written (Markdown and template tags), for knowing which characters the site prints. */
  source: string;
  /** Renders the section for a clinic in a language (library sections are Nunjucks templates; a clinic's own are not). */
  template: Pick<nunjucks.Template, "render">;
};

export interface Library extends LibraryIndex {
  handouts: HandoutDefinition[];
  languagePacks: Map<string, LanguagePack>;
  /** The language-help taglines printed on every handout (language-help.json). */
  languageHelp: LanguageHelp;
  section(lang: string, id: string): Section;
  /** Every section, in every language. */
  sections(): Iterable<Section>;
  /** The ids of the library's sections (in any language). */
  sectionIds(): ReadonlySet<string>;
  /** Per clinic slug: this library with the clinic's own handouts and sections (see clinic-library.ts). */
  clinics?: ReadonlyMap<string, Library>;
}

/** The library as one clinic sees it: with its own handouts and sections when it has any. */
export function libraryFor(library: Library, clinicSlug: string): Library {
  return library.clinics?.get(clinicSlug) ?? library;
}

export interface LibraryLocation {
  /** Folder of handout definitions (`data/handouts`). */
  handoutsDir: string;
  /** Folder of language folders with strings and sections (`templates/content`). */
  contentDir: string;
}

/** Load and check the handout library: every handout must have every section in every language. */
export async function loadLibrary({ handoutsDir, contentDir }: LibraryLocation): Promise<Library> {
  const handouts = await loadHandoutDefinitions(handoutsDir);
  const languages = (await readdir(contentDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const languagePacks = new Map<string, LanguagePack>();
  const sections = new Map<string, Section>();
  for (const lang of languages) {
    languagePacks.set(lang, await loadLanguagePack(contentDir, lang, handouts));
    for (const section of await loadSections(contentDir, lang)) sections.set(`${lang}/${section.id}`, section);
  }
  for (const handout of handouts) {
    for (const lang of languages) {
      for (const id of handout.sections) {
        if (!sections.has(`${lang}/${id}`)) {
          throw new LibraryError(
            `${path.join(contentDir, lang, "sections", `${id}.md`)}: missing; handout "${handout.id}" uses section "${id}"`,
          );
        }
      }
    }
  }
  const languageHelp = parseWith(languageHelpSchema, await readLanguageHelp(contentDir), languageHelpFile(contentDir));
  return {
    handouts,
    languagePacks,
    languageHelp,
    handoutIds: handouts.map((handout) => handout.id),
    languages,
    noticeLanguages: languageHelp.taglines.map((tagline) => tagline.lang),
    section(lang, id) {
      const section = sections.get(`${lang}/${id}`);
      if (!section) throw new LibraryError(`no section "${id}" in language "${lang}"`);
      return section;
    },
    sections: () => sections.values(),
    sectionIds: () => new Set([...sections.values()].map((section) => section.id)),
  };
}

async function loadHandoutDefinitions(handoutsDir: string): Promise<HandoutDefinition[]> {
  const files = (await readdir(handoutsDir)).filter((name) => name.endsWith(".json")).sort();
  const handouts = await Promise.all(
    files.map(async (name) => {
      const file = path.join(handoutsDir, name);
      const definition = parseWith(handoutDefinitionSchema, JSON.parse(await readFile(file, "utf8")), file);
      return { id: name.replace(/\.json$/, ""), ...definition };
    }),
  );
  return handouts.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

async function loadLanguagePack(contentDir: string, lang: string, handouts: HandoutDefinition[]): Promise<LanguagePack> {
  const file = path.join(contentDir, lang, "strings.json");
  const pack = parseWith(languagePackSchema, JSON.parse(await readFile(file, "utf8")), file);
  const untitled = handouts.filter((handout) => !pack.handouts[handout.id]).map((handout) => handout.id);
  if (untitled.length > 0) throw new LibraryError(`${file}: handouts: no title for ${untitled.join(", ")}`);
  return { ...pack, lang };
}

async function loadSections(contentDir: string, lang: string): Promise<Section[]> {
  const dir = path.join(contentDir, lang, "sections");
  const files = (await readdir(dir)).filter((name) => name.endsWith(".md")).sort();
  return Promise.all(
    files.map(async (name) => {
      const file = path.join(dir, name);
      const { data, content } = matter(await readFile(file, "utf8"));
      const frontMatter = parseWith(sectionFrontMatterSchema, data, file);
      checkPictureNames(content, file);
      return { id: name.replace(/\.md$/, ""), lang, file, ...frontMatter, source: content, template: compileSection(content, file) };
    }),
  );
}

/** A picture name that does not exist is a mistake in the section, found when the library loads, not while printing. */
function checkPictureNames(content: string, file: string): void {
  const namesOf = (call: string) =>
    [...content.matchAll(new RegExp(`\\b${call}\\(\\s*["']([^"']*)["']`, "g"))].map((match) => match[1] as string);
  const unknownIcons = namesOf("icon").filter((name) => !isIconName(name));
  if (unknownIcons.length > 0)
    throw new LibraryError(
      `${file}: no icon named ${unknownIcons.map((name) => `"${name}"`).join(", ")}; the icons are ${Object.keys(ICONS).join(", ")}`,
    );
  const unknownDrawings = namesOf("illustration").filter((name) => !isIllustrationName(name));
  if (unknownDrawings.length > 0)
    throw new LibraryError(
      `${file}: no illustration named ${unknownDrawings.map((name) => `"${name}"`).join(", ")}; the illustrations are ${Object.keys(ILLUSTRATIONS).join(", ")}`,
    );
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown, file: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${file}: ${issue.path.join(".") || "(file)"}: ${issue.message}`);
  throw new LibraryError(problems);
}
