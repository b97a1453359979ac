import path from "node:path";
import { mergeManifests } from "../output/shards.ts";
import { DEFAULTS } from "../package.ts";
import type { Io } from "./io.ts";
import { EXIT } from "./options.ts";

export const MERGE_OPTIONS = { out: { type: "string", default: DEFAULTS.outDir } } as const;

export async function runMerge(io: Io, outDir: string): Promise<number> {
  const manifest = await mergeManifests(outDir);
  io.out(`Merged ${manifest.handouts.length} handouts into ${path.join(outDir, "manifest.json")}.`);
  return EXIT.ok;
}
