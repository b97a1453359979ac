import { execFileSync } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { writeOutputMarker } from "../../src/output/output-folder.ts";
import { tempDir } from "./temp-data.ts";

export async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files[path.relative(dir, path.join(entry.parentPath, entry.name))] = await readFile(
        path.join(entry.parentPath, entry.name),
        "base64",
      );
  }
  return files;
}

/** SVG files outside assets/ (which holds only our own icons and drawings): a clinic's logo must never be one. */
export const clinicSvgs = (files: string[]) => files.filter((file) => /\.svg$/i.test(file) && !file.startsWith("assets/"));

/** An output folder holding a previous build's files. */
export async function previousOutput(): Promise<string> {
  const out = path.join(await tempDir(), "site");
  await mkdir(path.join(out, "old-clinic", "en"), { recursive: true });
  await writeOutputMarker(out);
  await writeFile(path.join(out, "manifest.json"), '{"handouts":[]}\n');
  await writeFile(path.join(out, "old-clinic", "en", "handout.pdf"), "%PDF-1.4 the previous output");
  return out;
}

/** Process ids of the Chromium a process launched (its command line names its owner), oldest first. */
export function chromiumOf(pid: number): string {
  try {
    return execFileSync("pgrep", ["-f", `clinic-handouts-owner=${pid}`], { encoding: "utf8" }).trim();
  } catch {
    return ""; // pgrep exits 1 when nothing matches
  }
}
