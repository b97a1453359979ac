import { writeFile } from "node:fs/promises";
import path from "node:path";
import { outputPaths } from "../paths.ts";

/** One printed handout, as later tools read it. Paths are relative to the output folder. */
export interface ManifestEntry {
  clinic: string;
  handout: string;
  lang: string;
  title: string;
  html: string;
  pdf: string;
  pages: number;
  bytes: number;
  sha256: string;
  /** US school grade of the body text: Flesch-Kincaid (en), or INFLESZ's ease on Flesch's grade table (es). */
  readingGrade?: number;
  readability?: { formula: "flesch-kincaid" | "inflesz"; ease?: number };
}

export interface Manifest {
  handouts: ManifestEntry[];
}

/** Same input, same bytes: entries in a fixed order, keys in a fixed order, no timestamps. */
export function sortManifest(entries: readonly ManifestEntry[]): Manifest {
  const key = (entry: ManifestEntry) => `${entry.clinic}\u0000${entry.handout}\u0000${entry.lang}`;
  return { handouts: [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)) };
}

/** Write the manifest (or a shard's part of it, by name) into `outDir`. */
export async function writeManifest(outDir: string, manifest: Manifest, name = outputPaths.manifest()): Promise<void> {
  await writeFile(path.join(outDir, name), `${JSON.stringify(manifest, null, 2)}\n`);
}
