import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import type nunjucks from "nunjucks";
import { z } from "zod";
import type { LibraryIndex } from "../clinics/schema.ts";
import { LibraryError } from "../errors.ts";
import { languagePackSchema, type LanguagePack } from "./language-pack.ts";
import { compileSection } from "./section-template.ts";

/** `data/handouts/<id>.json`: which sections make a handout, in order. */
const handoutDefinitionSchema = z.strictObject({
  order: z.number().int().describe("Position in the clinic's list of handouts."),
  layout: z.enum(["standard", "one-page"]).default("standard").describe("one-page: compact print layout for a sheet that must fit one page."),
  sections: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1),
});

/** Front matter of `templates/content/<lang>/sections/<id>.md`. */
const sectionFrontMatterSchema = z.strictObject({
  title: z.string().min(1),
  lastReviewed: z.union([z.date(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]).transform(isoDate),
  sources: z.array(z.string().min(1)).min(1, { error: "every section names at least one source" }),
});

function isoDate(value: Date | string): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : value;
}

export type HandoutDefinition = z.output<typeof handoutDefinitionSchema> & { id: string };
export type Section = z.output<typeof sectionFrontMatterSchema> & { id: string; lang: string; template: nunjucks.Template };

/** A handout's review date: that of its most recently reviewed section. */
export function newestReview(sections: readonly Pick<Section, "lastReviewed">[]): string {
  return sections.map((section) => section.lastReviewed).sort().at(-1) ?? "";
}

export interface Library extends LibraryIndex {
  handouts: HandoutDefinition[];
  languagePacks: Map<string, LanguagePack>;
  section(lang: string, id: string): Section;
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
          throw new LibraryError(`${path.join(contentDir, lang, "sections", `${id}.md`)}: missing; handout "${handout.id}" uses section "${id}"`);
        }
      }
    }
  }
  return {
    handouts,
    languagePacks,
    handoutIds: handouts.map((handout) => handout.id),
    languages,
    section(lang, id) {
      const section = sections.get(`${lang}/${id}`);
      if (!section) throw new LibraryError(`no section "${id}" in language "${lang}"`);
      return section;
    },
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
      return { id: name.replace(/\.md$/, ""), lang, ...frontMatter, template: compileSection(content, file) };
    }),
  );
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown, file: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${file}: ${issue.path.join(".") || "(file)"}: ${issue.message}`);
  throw new LibraryError(problems.join("\n"));
}
