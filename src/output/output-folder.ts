import { lstat, readdir, realpath, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { displayPath } from "../clinics/load-clinics.ts";
import type { InputProblem } from "../errors.ts";
import { readJsonFile } from "../input/read-json-file.ts";

/** The file every output of this tool holds, so a later build knows the folder is its own to replace. */
export const OUTPUT_MARKER = ".clinic-handouts";
const MARKER = { tool: "clinic-handouts", about: "This folder is the output of `handouts build`; the next build replaces all of it." };

/** Mark a folder as an output of this tool. The content never changes, so outputs stay byte-identical. */
export async function writeOutputMarker(dir: string): Promise<void> {
  await writeFile(path.join(dir, OUTPUT_MARKER), `${JSON.stringify(MARKER, null, 2)}\n`);
}

/**
 * Check that `outDir` is a folder this tool may replace whole, and return its real path (symlinks
 * followed, so every check is on the folder a link leads to). Refused, with how to proceed: an empty
 * name, a file, the root of the file system, a home folder, the folder the command runs in or one holding
 * it, the data folder or one holding it or inside it, a project's root, and an existing folder
 * with files in it that is not an earlier output. A new folder, or an earlier output, is fine.
 */
export async function claimOutputFolder(
  outDir: string,
  { dataDir, option = "--out" }: { dataDir: string; option?: string },
): Promise<{ dir: string } | { problem: InputProblem }> {
  const refuse = (message: string) => ({
    problem: { file: `${option} ${/^$|\s/.test(outDir) ? JSON.stringify(outDir) : outDir}`, field: "", message },
  });
  if (outDir.trim() === "") return refuse("is empty (is a variable unset?); name a folder for the output, like --out _site");
  const resolved = await realPathOf(path.resolve(outDir));
  if ("problem" in resolved) return refuse(resolved.problem);
  const dir = resolved.real;
  const leads = dir === path.resolve(outDir) ? "" : `leads to ${dir}, which `;
  const elsewhere = "; choose a folder of its own for the output, like --out _site";
  if (dir === path.parse(dir).root) return refuse(`${leads}is the root of the file system${elsewhere}`);
  const home = await realOrResolved(os.homedir());
  if (dir === home || isInside(home, dir)) return refuse(`${leads}${dir === home ? "is" : "holds"} your home folder${elsewhere}`);
  const cwd = await realOrResolved(process.cwd());
  if (dir === cwd || isInside(cwd, dir)) return refuse(`${leads}${dir === cwd ? "is" : "holds"} the folder you are working in${elsewhere}`);
  const data = await realOrResolved(dataDir);
  if (dir === data || isInside(data, dir))
    return refuse(`${leads}${dir === data ? "is" : "holds"} the data folder (${displayPath(data)})${elsewhere}`);
  if (isInside(dir, data))
    return refuse(`${leads}is inside the data folder (${displayPath(data)}), which holds only what builds read${elsewhere}`);
  const info = await stat(dir).catch(() => undefined);
  if (!info) return { dir };
  if (!info.isDirectory()) return refuse(`${leads}is a file, not a folder; nothing was changed${elsewhere}`);
  const entries = await readdir(dir);
  if (entries.includes(".git") || entries.includes("package.json"))
    return refuse(`${leads}is the root of a project (it holds .git or package.json)${elsewhere}`);
  if (entries.length === 0 || (await isEarlierOutput(dir, entries))) return { dir };
  return refuse(
    `${leads}already holds ${entries.length} file(s) or folder(s) that this tool did not write (it has no ${OUTPUT_MARKER} file); ` +
      `a build replaces its output folder whole, so choose a new folder, like --out _site, or empty this one first`,
  );
}

/** Written by this tool: it holds the marker, or (from builds made before the marker) a manifest.json of this tool's shape. */
async function isEarlierOutput(dir: string, entries: readonly string[]): Promise<boolean> {
  if (entries.includes(OUTPUT_MARKER)) {
    const marker = await readJsonFile(path.join(dir, OUTPUT_MARKER), OUTPUT_MARKER, { limit: 4096, what: "the marker" });
    return "value" in marker && (marker.value as { tool?: unknown } | null)?.tool === MARKER.tool;
  }
  if (!entries.includes("manifest.json")) return false;
  const manifest = await readJsonFile(path.join(dir, "manifest.json"), "manifest.json", { limit: 64 * 1024 * 1024, what: "a manifest" });
  return "value" in manifest && isOurManifest(manifest.value);
}

/**
 * Our manifest: only `handouts` (and `failures`), each handout naming its clinic, PDF and hash. Other
 * tools' manifest.json files (web app manifests, build manifests) do not look like this.
 */
function isOurManifest(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const { handouts, ...rest } = value as Record<string, unknown>;
  if (!Object.keys(rest).every((key) => key === "failures") || !Array.isArray(handouts)) return false;
  return handouts.every((entry: unknown) => {
    const { clinic, pdf, sha256 } = (entry ?? {}) as Record<string, unknown>;
    return typeof clinic === "string" && typeof pdf === "string" && typeof sha256 === "string";
  });
}

/** The real path of a folder that may not exist yet: that of its nearest existing ancestor, plus the rest. */
async function realPathOf(target: string): Promise<{ real: string } | { problem: string }> {
  const missing: string[] = [];
  for (let current = target; ; current = path.dirname(current)) {
    try {
      const real = await realpath(current);
      if (missing.length > 0 && !(await stat(real)).isDirectory())
        return { problem: `${displayPath(current)} is a file, not a folder; nothing was changed` };
      return { real: path.join(real, ...missing) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") return { problem: `cannot be used (${code ?? (error as Error).message})` };
      if (
        await lstat(current).then(
          (info) => info.isSymbolicLink(),
          () => false,
        )
      )
        return { problem: `${displayPath(current)} is a link to a folder that does not exist` };
      if (path.dirname(current) === current) return { real: target };
      missing.unshift(path.basename(current));
    }
  }
}

const realOrResolved = (folder: string) => realpath(folder).catch(() => path.resolve(folder));

/** `child` lies somewhere below `parent`. */
function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== "" && relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
