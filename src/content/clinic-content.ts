import { readdir } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { z } from "zod";
import { displayPath, type Clinic } from "../clinics/load-clinics.ts";
import { SLUG_PATTERN } from "../clinics/schema.ts";
import { InputError, type InputProblem } from "../errors.ts";
import { decodeUtf8 } from "../input/decode-text.ts";
import { explainIssues } from "../input/explain-issues.ts";
import { readInputFile } from "../input/read-input-file.ts";
import { readJsonFile } from "../input/read-json-file.ts";
import { createHash } from "node:crypto";
import sharp from "sharp";
import { checkLogo } from "../clinics/check-logo.ts";
import { PICTURE_BOX, type LogoImage } from "../clinics/rebuild-logo.ts";
import { outputPaths, relativeHref } from "../paths.ts";
import {
  fillPlaceholderText,
  PICTURE_PATH,
  picturesIn,
  placeholdersIn,
  renderClinicMarkdown,
  type PlaceholderName,
  type PublishedPicture,
} from "./clinic-markdown.ts";
import { sectionFrontMatterSchema, type HandoutDefinition, type Library, type Section } from "./library.ts";
import type { SectionContext } from "./render-handout.ts";

/** A clinic's own handouts and sections: `<data>/content/<clinic-slug>/`, laid out like the library. */
export interface ClinicContent {
  slug: string;
  /** The folder, for messages. */
  dir: string;
  handouts: ClinicHandout[];
  /** By `<lang>/<id>`. */
  sections: Map<string, ClinicSection>;
}

/** A clinic's own handout: its sections, and its title and one-line summary per language (English at least). */
export interface ClinicHandout extends HandoutDefinition {
  file: string;
  title: Partial<Record<string, string>>;
  summary: Partial<Record<string, string>>;
}

export interface ClinicSection extends Section {
  /** The clinic values it names, which the clinic file must give. */
  placeholders: PlaceholderName[];
}

/** Clinic sections and handout files larger than this are not handouts. */
const MAX_CONTENT_FILE_BYTES = 64 * 1024;
const MAX_TEXT = { title: 120, summary: 300 } as const;

const id = z.string().regex(SLUG_PATTERN, { error: "must be lowercase letters, digits and dashes, like parking-and-arrival" });

function clinicHandoutSchema(languages: readonly string[]) {
  const perLanguage = (max: number) =>
    z
      .strictObject(Object.fromEntries(languages.map((lang) => [lang, z.string().trim().min(1).max(max).optional()])))
      .refine((texts) => texts.en !== undefined, { error: 'needs at least the English text, "en"' });
  return z.strictObject({
    $schema: z.string().optional(),
    layout: z.enum(["standard", "one-page"]).default("standard"),
    title: perLanguage(MAX_TEXT.title),
    summary: perLanguage(MAX_TEXT.summary),
    sections: z.array(id).min(1),
  });
}

/**
 * Front matter of a clinic's section: as in the library, except that `sources` may be left out of a
 * section of the clinic's own logistics (parking, the suite); a section that replaces library wording must keep them.
 */
const clinicFrontMatterSchema = z
  .strictObject({ ...sectionFrontMatterSchema.shape, sources: sectionFrontMatterSchema.shape.sources.optional() })
  .refine((section) => section.nextReview > section.lastReviewed, {
    error: "nextReview must come after lastReviewed",
    path: ["nextReview"],
  });

/** Read every `<data>/content/<slug>/`; every problem in every file is collected into one InputError. */
export async function loadClinicContents(dataDir: string, library: Library): Promise<Map<string, ClinicContent>> {
  const contentDir = path.join(dataDir, "content");
  const slugs = await subfolders(contentDir);
  const problems: InputProblem[] = [];
  const contents = new Map<string, ClinicContent>();
  for (const slug of slugs) {
    const loaded = await loadClinicContent(path.join(contentDir, slug), slug, library);
    problems.push(...loaded.problems);
    contents.set(slug, loaded.content);
  }
  if (problems.length > 0) throw new InputError(problems);
  return contents;
}

async function subfolders(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return []; // no content folder: no clinic has its own handouts
  }
}

async function loadClinicContent(
  dir: string,
  slug: string,
  library: Library,
): Promise<{ content: ClinicContent; problems: InputProblem[] }> {
  const problems: InputProblem[] = [];
  const sections = new Map<string, ClinicSection>();
  for (const folder of await subfolders(dir)) {
    // Handout definitions and pictures; every other folder is a language.
    if (folder === "handouts" || folder === "pictures") continue;
    if (!library.languages.includes(folder)) {
      problems.push({
        file: displayPath(path.join(dir, folder)),
        field: "",
        message: `not a language of the library (${library.languages.join(", ")})`,
      });
      continue;
    }
    for (const section of await loadSections(path.join(dir, folder, "sections"), folder, library, problems))
      sections.set(`${folder}/${section.id}`, section);
  }
  const handouts = await loadHandouts(path.join(dir, "handouts"), library, problems);
  const content = { slug, dir: displayPath(dir), handouts, sections };
  problems.push(...checkContent(content, library));
  return { content, problems };
}

async function filesEndingIn(dir: string, extension: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith(extension)).sort();
  } catch {
    return [];
  }
}

async function loadHandouts(dir: string, library: Library, problems: InputProblem[]): Promise<ClinicHandout[]> {
  const schema = clinicHandoutSchema(library.languages);
  const handouts: ClinicHandout[] = [];
  for (const name of await filesEndingIn(dir, ".json")) {
    const file = displayPath(path.join(dir, name));
    const handoutId = name.replace(/\.json$/, "");
    const idProblem = handoutIdProblem(handoutId, library);
    if (idProblem) problems.push({ file, field: "(file name)", message: idProblem });
    const read = await readJsonFile(path.join(dir, name), file, { limit: MAX_CONTENT_FILE_BYTES, what: "a handout file" });
    if ("problems" in read) {
      problems.push(...read.problems);
      continue;
    }
    const parsed = schema.safeParse(read.value);
    if (!parsed.success) {
      problems.push(...explainIssues(file, schema, parsed.error.issues));
      continue;
    }
    const { layout, sections, title, summary } = parsed.data;
    // Clinic handouts come after the library's, in the order of their file names.
    handouts.push({ id: handoutId, order: Number.MAX_SAFE_INTEGER, layout, sections, title, summary, file });
  }
  return handouts;
}

function handoutIdProblem(handoutId: string, library: Library): string | undefined {
  if (!SLUG_PATTERN.test(handoutId)) return `"${handoutId}" is not a valid handout id; use lowercase letters, digits and dashes`;
  // index.html is the clinic's page in a language: a handout called "index" would overwrite it.
  if (handoutId === "index") return `"index" is reserved for the clinic's page; choose another id`;
  if (library.handoutIds.includes(handoutId))
    return `"${handoutId}" is a library handout; choose another id, or replace the library's sections by giving yours the same ids`;
  return undefined;
}

async function loadSections(dir: string, lang: string, library: Library, problems: InputProblem[]): Promise<ClinicSection[]> {
  const sections: ClinicSection[] = [];
  for (const name of await filesEndingIn(dir, ".md")) {
    const section = await loadSection(path.join(dir, name), lang, library, problems);
    if (section) sections.push(section);
  }
  return sections;
}

async function loadSection(
  absoluteFile: string,
  lang: string,
  library: Library,
  problems: InputProblem[],
): Promise<ClinicSection | undefined> {
  const file = displayPath(absoluteFile);
  const sectionId = path.basename(absoluteFile, ".md");
  if (!SLUG_PATTERN.test(sectionId)) {
    problems.push({
      file,
      field: "(file name)",
      message: `"${sectionId}" is not a valid section id; use lowercase letters, digits and dashes`,
    });
    return undefined;
  }
  const read = await readInputFile(absoluteFile, MAX_CONTENT_FILE_BYTES, "a section");
  const decoded = "problem" in read ? read : decodeUtf8(read.bytes);
  if ("problem" in decoded) {
    problems.push({ file, field: "", message: decoded.problem });
    return undefined;
  }
  const parsed = parseFrontMatter(decoded.text, file);
  if ("problems" in parsed) {
    problems.push(...parsed.problems);
    return undefined;
  }
  const { data, content } = parsed;
  const replaces = library.sectionIds().has(sectionId);
  if (replaces && !data.sources?.length) {
    problems.push({
      file,
      field: "sources",
      message: `replaces the library's section "${sectionId}", so it must name at least one source, as the library's does`,
    });
  }
  const clinicDir = path.dirname(path.dirname(path.dirname(absoluteFile)));
  const pictures = await checkPictures(content, clinicDir, file, problems);
  const html = renderClinicMarkdown(content, new Map(pictures.map((picture) => [picture.src, picture])));
  return {
    id: sectionId,
    lang,
    file: absoluteFile,
    ownedBy: path.basename(path.dirname(path.dirname(path.dirname(absoluteFile)))),
    ...data,
    sources: data.sources ?? [],
    source: content,
    placeholders: placeholdersIn(content),
    pictures: pictures.map(({ sitePath, image }) => ({ sitePath, image })),
    template: { render: (context?: object) => fillPlaceholderText(html, placeholderValues(context as SectionContext)) },
  };
}

/** A picture of a clinic section, checked and rebuilt, and where it is published. */
type CheckedPicture = PublishedPicture & { src: string; sitePath: string; image: LogoImage };

/**
 * The pictures a section shows: files in the clinic's own folder (data/content/<slug>/), each described for
 * screen readers, read and rebuilt like a logo (pixels only; see rebuildLogo) and published under a name
 * made from its pixels. Anything else is a problem naming the section's file.
 */
async function checkPictures(source: string, clinicDir: string, file: string, problems: InputProblem[]): Promise<CheckedPicture[]> {
  const slug = path.basename(clinicDir);
  const checked: CheckedPicture[] = [];
  for (const { src, alt } of picturesIn(source)) {
    const field = `picture ${JSON.stringify(src)}`;
    const inside = PICTURE_PATH.test(src) && !path.relative(clinicDir, path.resolve(clinicDir, src)).startsWith("..");
    if (!inside) {
      problems.push({
        file,
        field,
        message: `pictures must be files in the clinic's own folder (${displayPath(clinicDir)}), named relative to it, like pictures/entrance.jpg`,
      });
      continue;
    }
    if (!alt.trim())
      problems.push({ file, field, message: "needs a description for people who cannot see it: ![What the picture shows](" + src + ")" });
    const result = await checkLogo(clinicDir, src, PICTURE_BOX);
    if ("problem" in result) {
      problems.push({ file, field, message: result.problem.replace("the data folder", displayPath(clinicDir)) });
      continue;
    }
    const { width = 0, height = 0 } = await sharp(result.image.bytes).metadata();
    const name = `${createHash("sha256").update(result.image.bytes).digest("hex").slice(0, 12)}.${result.image.kind}`;
    const sitePath = outputPaths.picture(slug, name);
    // Shown at most at its size in CSS pixels for a sharp picture on paper: half its pixels.
    const shown = { width: Math.round(width / 2), height: Math.round(height / 2) };
    checked.push({
      src,
      sitePath,
      image: result.image,
      href: relativeHref(outputPaths.handoutPage(slug, "lang", "handout"), sitePath),
      ...shown,
    });
  }
  return checked;
}

/**
 * Front matter is YAML only: gray-matter would run `---js` front matter as JavaScript, and clinic text is never code.
 */
function parseFrontMatter(
  text: string,
  file: string,
): { data: z.output<typeof clinicFrontMatterSchema>; content: string } | { problems: InputProblem[] } {
  const opener = /^---([^\r\n]*)\r?\n/.exec(text);
  if (!opener)
    return {
      problems: [
        { file, field: "(front matter)", message: "must start with front matter between --- lines (title, lastReviewed, nextReview)" },
      ],
    };
  if (opener[1]?.trim())
    return { problems: [{ file, field: "(front matter)", message: `must be plain YAML after "---", not "${opener[1].trim()}"` }] };
  let parsed: { data: unknown; content: string };
  try {
    parsed = matter(text, { engines: { javascript: refuseCode, js: refuseCode } });
  } catch (error) {
    return { problems: [{ file, field: "(front matter)", message: `is not valid YAML: ${(error as Error).message.split("\n")[0]}` }] };
  }
  const result = clinicFrontMatterSchema.safeParse(parsed.data);
  if (!result.success) return { problems: explainIssues(file, clinicFrontMatterSchema, result.error.issues) };
  return { data: result.data, content: parsed.content };
}

function refuseCode(): never {
  throw new Error("front matter must be YAML");
}

/** The clinic values a section context holds, as clinic sections write them (see fillPlaceholderText). */
function placeholderValues({ clinic }: SectionContext) {
  return {
    name: clinic.name,
    phoneLink: String(clinic.phoneLink),
    afterHoursPhoneLink: clinic.afterHoursPhoneLink === null ? null : String(clinic.afterHoursPhoneLink),
    address: clinic.address,
    email: clinic.email,
    website: clinic.website,
    hours: clinic.hours,
  };
}

/** Every section a clinic handout names exists, in English at least (other languages fall back to it). */
function checkContent(content: ClinicContent, library: Library): InputProblem[] {
  const known = (sectionId: string) => content.sections.has(`en/${sectionId}`) || library.sectionIds().has(sectionId);
  return content.handouts.flatMap((handout) =>
    handout.sections.flatMap((sectionId, index) =>
      known(sectionId)
        ? []
        : [
            {
              file: handout.file,
              field: `sections[${index}]`,
              message: `no section "${sectionId}": write ${content.dir}/en/sections/${sectionId}.md, or use a library section`,
            },
          ],
    ),
  );
}

/** Where the clinic file keeps the value of each placeholder that may be missing. */
const PLACEHOLDER_FIELDS: Partial<Record<PlaceholderName, (clinic: Clinic) => unknown>> = {
  afterHoursPhone: (clinic) => clinic.contact.afterHoursPhone,
  address: (clinic) => clinic.contact.address,
  email: (clinic) => clinic.contact.email,
  website: (clinic) => clinic.contact.website,
  hours: (clinic) => clinic.hours,
};
const FIELD_NAMES: Partial<Record<PlaceholderName, string>> = {
  afterHoursPhone: "contact.afterHoursPhone",
  address: "contact.address",
  email: "contact.email",
  website: "contact.website",
  hours: "hours",
};

/** A placeholder whose value the clinic file does not give would print as braces: name each one. */
export function missingPlaceholderValues(clinic: Clinic, content: ClinicContent | undefined): InputProblem[] {
  if (!content) return [];
  return [...content.sections.values()].flatMap((section) =>
    section.placeholders
      .filter((name) => PLACEHOLDER_FIELDS[name] && PLACEHOLDER_FIELDS[name](clinic) === undefined)
      .map((name) => ({
        file: displayPath(section.file),
        field: `{{ clinic.${name} }}`,
        message: `${clinic.file} has no ${FIELD_NAMES[name]}; add it there, or write the text without this placeholder`,
      })),
  );
}
