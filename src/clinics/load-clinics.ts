import { readdir } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../errors.ts";
import { readJsonFile } from "../input/read-json-file.ts";
import { checkLogo } from "./check-logo.ts";
import type { InputProblem } from "../errors.ts";
import { explainIssues } from "../input/explain-issues.ts";
import type { LogoImage } from "./rebuild-logo.ts";
import { clinicSchema, slugProblem, type ClinicFile, type LibraryIndex } from "./schema.ts";

/** A clinic file that passed every check, with what its file name and logo tell us. */
export interface Clinic extends ClinicFile {
  slug: string;
  /** The clinic file as staff would name it, for messages. */
  file: string;
  /** The logo as published: rebuilt from the clinic's logo file (see rebuildLogo). */
  logoImage?: LogoImage;
}

/** Clinic files larger than this are not clinic descriptions. */
export const MAX_CLINIC_FILE_BYTES = 256 * 1024;

/**
 * Read and check every `<dataDir>/clinics/*.json`. Every problem in every file is collected,
 * and if there is any, an InputError lists them all; otherwise the clinics come back sorted by slug.
 */
export async function loadClinics(dataDir: string, library: LibraryIndex): Promise<Clinic[]> {
  const clinicsDir = path.join(dataDir, "clinics");
  const ownHandoutIds = await ownHandoutFiles(dataDir);
  const files = await listClinicFiles(clinicsDir);
  const schema = clinicSchema(library);
  // A clinic with handouts of its own (data/content/<slug>/handouts/) may list those too.
  const schemaFor = (name: string) => {
    const own = ownHandoutIds.get(name.replace(/\.json$/i, "")) ?? [];
    return own.length === 0 ? schema : clinicSchema({ ...library, handoutIds: [...library.handoutIds, ...own] });
  };
  const results = await Promise.all(files.map((name) => loadClinic(dataDir, path.join(clinicsDir, name), schemaFor(name))));
  const problems = results.flatMap((result) => ("problems" in result ? result.problems : []));
  if (problems.length > 0) throw new InputError(problems);
  return results.flatMap((result) => ("clinic" in result ? [result.clinic] : []));
}

/**
 * The ids of each clinic's own handouts, from their file names (data/content/<slug>/handouts/<id>.json), which its
 * clinic file may list; the files themselves are read and checked with the rest of the clinic's content.
 */
async function ownHandoutFiles(dataDir: string): Promise<Map<string, string[]>> {
  const contentDir = path.join(dataDir, "content");
  const slugs = await readdir(contentDir).catch(() => [] as string[]);
  const entries = await Promise.all(
    slugs.map(async (slug) => {
      const names = await readdir(path.join(contentDir, slug, "handouts")).catch(() => [] as string[]);
      return [slug, names.filter((name) => name.endsWith(".json")).map((name) => name.slice(0, -".json".length))] as const;
    }),
  );
  return new Map(entries.filter(([, ids]) => ids.length > 0).map(([slug, ids]) => [slug, [...ids]]));
}

async function listClinicFiles(clinicsDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(clinicsDir);
  } catch {
    throw new InputError([
      { file: displayPath(clinicsDir), field: "", message: "folder not found; clinic files go in <data>/clinics/<slug>.json" },
    ]);
  }
  const files = names.filter((name) => name.toLowerCase().endsWith(".json")).sort();
  if (files.length === 0) {
    throw new InputError([
      { file: displayPath(clinicsDir), field: "", message: "no clinic files (*.json) found; add one, e.g. with `handouts new <slug>`" },
    ]);
  }
  return files;
}

type LoadResult = { clinic: Clinic } | { problems: InputProblem[] };

async function loadClinic(dataDir: string, absoluteFile: string, schema: ReturnType<typeof clinicSchema>): Promise<LoadResult> {
  const file = displayPath(absoluteFile);
  const slug = path.basename(absoluteFile).replace(/\.json$/i, "");
  const problems: InputProblem[] = [];
  const badName = absoluteFile.endsWith(".json")
    ? slugProblem(slug)
    : `${JSON.stringify(slug)} is not a valid slug; name the file <slug>.json in lowercase`;
  if (badName) problems.push({ file, field: "(file name)", message: badName });
  const parsed = await readJsonFile(absoluteFile, file, { limit: MAX_CLINIC_FILE_BYTES, what: "a clinic file" });
  if ("problems" in parsed) return { problems: [...problems, ...parsed.problems] };
  const result = validateClinic(parsed.value, file, schema);
  if ("problems" in result) return { problems: [...problems, ...result.problems] };
  let logoImage: LogoImage | undefined;
  if (result.clinic.logo) {
    const logo = await checkLogo(dataDir, result.clinic.logo);
    if ("problem" in logo) problems.push({ file, field: "logo", message: logo.problem });
    else logoImage = logo.image;
  }
  if (problems.length > 0) return { problems };
  return { clinic: { ...result.clinic, slug, file, ...(logoImage ? { logoImage } : {}) } };
}

/** Check a parsed clinic file against the schema: the clinic's data, or a plain message per problem. Never throws. */
export function validateClinic(
  value: unknown,
  file: string,
  schema: ReturnType<typeof clinicSchema>,
): { clinic: ClinicFile } | { problems: InputProblem[] } {
  const result = schema.safeParse(value);
  return result.success ? { clinic: result.data } : { problems: explainIssues(file, schema, result.error.issues) };
}

/** Paths in messages: relative to where the command was run when inside it, else absolute. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative.split(path.sep).join("/") : file;
}
