import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { InputProblem } from "../errors.ts";
import { InputError } from "../errors.ts";
import { readInputFile } from "../input/read-input-file.ts";
import { readManifest, sortManifest, writeManifest, type Manifest, type ManifestEntry, type ManifestFailure } from "./manifest.ts";

/** Shard `index` (1-based) of `count`: the part of the handouts one machine prints. */
export interface Shard {
  index: number;
  count: number;
}

/** "2/3" → { index: 2, count: 3 }; undefined when the text is not a shard. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const [index, count] = [Number(match[1]), Number(match[2])];
  return index >= 1 && index <= count ? { index, count } : undefined;
}

/**
 * The items of one shard: every `count`-th item of the list sorted by key, starting at `index`.
 * Deterministic (the same on every machine) and balanced (shard sizes differ by at most one).
 */
export function itemsOfShard<T>(items: readonly T[], keyOf: (item: T) => string, shard: Shard): T[] {
  const sorted = [...items].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  return sorted.filter((_item, position) => position % shard.count === shard.index - 1);
}

/** File name of a shard's part of the manifest. */
export const manifestPartName = ({ index, count }: Shard) => `manifest.part-${index}-of-${count}.json`;

/**
 * Combine the manifest parts of every shard, copied together into `outDir`, into `manifest.json`.
 * Refuses when a part is missing or unreadable, a handout is listed twice, or a listed PDF is absent or differs.
 */
export async function mergeManifests(outDir: string): Promise<Manifest> {
  const parts = (await listFolder(outDir)).filter((name) => /^manifest\.part-\d+-of-\d+\.json$/.test(name)).sort();
  if (parts.length === 0)
    throw new InputError([
      {
        file: outDir,
        field: "",
        message: "no manifest parts (manifest.part-<i>-of-<n>.json) to merge; copy every shard's output here first",
      },
    ]);
  const counts = new Set(parts.map((name) => Number(/-of-(\d+)\.json$/.exec(name)?.[1])));
  const count = Math.max(...counts);
  const problems: InputProblem[] = [];
  const problem = (message: string) => problems.push({ file: outDir, field: "", message });
  if (counts.size > 1) problem(`parts from builds with different shard counts: ${[...counts].join(", ")}`);
  for (let index = 1; index <= count; index++) {
    if (!parts.includes(manifestPartName({ index, count })))
      problem(`part ${index} of ${count} is missing (${manifestPartName({ index, count })})`);
  }
  const entries: ManifestEntry[] = [];
  const failures: ManifestFailure[] = [];
  const seen = new Set<string>();
  for (const part of parts) {
    const read = await readManifest(path.join(outDir, part), MAX_PART_BYTES);
    if ("problems" in read) {
      problems.push(...read.problems);
      continue;
    }
    const { manifest } = read;
    for (const entry of manifest.handouts) {
      if (seen.has(entry.pdf)) problem(`${entry.pdf} is listed by more than one part`);
      seen.add(entry.pdf);
      const read = await readInputFile(path.join(outDir, entry.pdf), MAX_PDF_BYTES, "a handout PDF");
      if ("problem" in read) problem(`${entry.pdf} (listed in ${part}) ${read.problem === "was not found" ? "is missing" : read.problem}`);
      else if (createHash("sha256").update(read.bytes).digest("hex") !== entry.sha256)
        problem(`${entry.pdf} differs from the one ${part} printed`);
      entries.push(entry);
    }
    failures.push(...(manifest.failures ?? []));
  }
  if (problems.length > 0) throw new InputError(problems);
  const merged = sortManifest(entries, failures);
  await writeManifest(outDir, merged);
  return merged;
}

/** A printed handout is a few pages, and a part lists a few thousand of them; files this size are neither. */
const MAX_PDF_BYTES = 64 * 1024 * 1024;
const MAX_PART_BYTES = 64 * 1024 * 1024;

/** The names in the merge folder; a missing folder is a mistake of use, not a crash. */
async function listFolder(outDir: string): Promise<string[]> {
  try {
    return await readdir(outDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === "ENOENT"
        ? "folder not found; copy every shard's output into it first"
        : code === "ENOTDIR"
          ? "is a file, not a folder"
          : `cannot be read (${code})`;
    throw new InputError([{ file: `--out ${outDir}`, field: "", message }]);
  }
}
