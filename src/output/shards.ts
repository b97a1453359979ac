import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../errors.ts";
import { sortManifest, writeManifest, type Manifest, type ManifestEntry, type ManifestFailure } from "./manifest.ts";

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
 * Refuses when a part is missing, a handout is listed twice, or a listed PDF is absent or differs.
 */
export async function mergeManifests(outDir: string): Promise<Manifest> {
  const parts = (await readdir(outDir)).filter((name) => /^manifest\.part-\d+-of-\d+\.json$/.test(name)).sort();
  if (parts.length === 0) throw new InputError([{ file: outDir, field: "", message: "no manifest parts (manifest.part-<i>-of-<n>.json) to merge; copy every shard's output here first" }]);
  const counts = new Set(parts.map((name) => Number(/-of-(\d+)\.json$/.exec(name)?.[1])));
  const count = Math.max(...counts);
  const problems: string[] = [];
  if (counts.size > 1) problems.push(`parts from builds with different shard counts: ${[...counts].join(", ")}`);
  for (let index = 1; index <= count; index++) {
    if (!parts.includes(manifestPartName({ index, count }))) problems.push(`part ${index} of ${count} is missing (${manifestPartName({ index, count })})`);
  }
  const entries: ManifestEntry[] = [];
  const failures: ManifestFailure[] = [];
  const seen = new Set<string>();
  for (const part of parts) {
    const manifest = JSON.parse(await readFile(path.join(outDir, part), "utf8")) as Manifest;
    for (const entry of manifest.handouts) {
      if (seen.has(entry.pdf)) problems.push(`${entry.pdf} is listed by more than one part`);
      seen.add(entry.pdf);
      const bytes = await readFile(path.join(outDir, entry.pdf)).catch(() => undefined);
      if (!bytes) problems.push(`${entry.pdf} (listed in ${part}) is missing`);
      else if (createHash("sha256").update(bytes).digest("hex") !== entry.sha256) problems.push(`${entry.pdf} differs from the one ${part} printed`);
      entries.push(entry);
    }
    failures.push(...(manifest.failures ?? []));
  }
  if (problems.length > 0) throw new InputError(problems.map((message) => ({ file: outDir, field: "", message })));
  const merged = sortManifest(entries, failures);
  await writeManifest(outDir, merged);
  return merged;
}
