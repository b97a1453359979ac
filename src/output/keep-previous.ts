import { copyFile, mkdir, stat } from "node:fs/promises";
import path from "node:path";
import type { Clinic } from "../clinics/load-clinics.ts";
import { isPartial, isSelected, type Selection } from "../clinics/select-clinics.ts";
import { InputError } from "../errors.ts";
import { outputPaths } from "../paths.ts";
import { readManifest, type ManifestEntry } from "./manifest.ts";

/** A manifest lists a few thousand handouts at most; a file this size is not one of ours. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/**
 * What a build of part of the matrix (`--clinic`, `--handout`, `--lang`) keeps of the output it replaces:
 * every handout the previous build published that this one does not build, as long as its clinic still
 * publishes it. A clinic or a handout removed from the data since then is not kept. A full build keeps nothing.
 */
export async function handoutsToKeep(
  outDir: string,
  clinics: readonly Clinic[],
  selection: Selection | undefined,
): Promise<ManifestEntry[]> {
  if (!isPartial(selection) || !(await exists(path.join(outDir, outputPaths.manifest())))) return [];
  const read = await readManifest(path.join(outDir, outputPaths.manifest()), MAX_MANIFEST_BYTES);
  if ("problems" in read) {
    const why = {
      file: "--clinic, --handout, --lang",
      field: "",
      message: `a build of part of the handouts keeps the rest from the previous output, whose manifest cannot be read; build them all (without these options)`,
    };
    throw new InputError([...read.problems, why]);
  }
  const published = new Map(clinics.map((clinic) => [clinic.slug, clinic]));
  const stillPublished = (entry: ManifestEntry) => {
    const clinic = published.get(entry.clinic);
    return clinic !== undefined && clinic.handouts.includes(entry.handout) && clinic.languages.includes(entry.lang);
  };
  return read.manifest.handouts.filter(
    (entry) => stillPublished(entry) && !isSelected(selection ?? {}, entry.clinic, entry.handout, entry.lang),
  );
}

/** Copy the files of the kept handouts (page, its print stylesheet, PDF, thumbnail) from the previous output into the new one. */
export async function copyKeptFiles(fromDir: string, toDir: string, entries: readonly ManifestEntry[]): Promise<void> {
  for (const entry of entries) {
    const files = [
      entry.html,
      outputPaths.printStylesheet(entry.clinic, entry.lang, entry.handout, entry.variant),
      entry.pdf,
      ...(entry.thumbnail ? [entry.thumbnail] : []),
    ];
    for (const file of files) {
      await mkdir(path.dirname(path.join(toDir, file)), { recursive: true });
      await copyFile(path.join(fromDir, file), path.join(toDir, file)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
        const message = `${file} is listed in the previous manifest but is not in the output; build all handouts (without --clinic, --handout, --lang) to make it again`;
        throw new InputError([{ file: path.join(fromDir, outputPaths.manifest()), field: "", message }]);
      });
    }
  }
}

/** Each kept handout's clinic × handout × language, for laying out the pages that link to it. */
export const keptKeys = (entries: readonly ManifestEntry[]) =>
  new Set(entries.map((entry) => `${entry.clinic}/${entry.handout}/${entry.lang}`));

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );
