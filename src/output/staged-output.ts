import { mkdir, open, rename, rm, readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../errors.ts";
import { writeOutputMarker } from "./output-folder.ts";

/** Folders beside the output that a build owns while it runs, named for the build's process. */
const STAGING_MARK = ".building-";
const RETIRED_MARK = ".previous-";

/**
 * Build into a new folder beside `outDir` and swap it in only when `work` says so. At every instant
 * one complete copy of the output exists: the output itself, or, for the moment between the two renames
 * of the swap, `<out>.previous-<pid>`, which the next build puts back if this one is killed right then.
 * `outDir` must have been claimed with claimOutputFolder.
 */
export async function withStagedOutput<T>(outDir: string, work: (stagingDir: string) => Promise<{ keep: boolean; value: T }>): Promise<T> {
  const target = path.resolve(outDir);
  await mkdir(path.dirname(target), { recursive: true }); // `--out new/folder/site` is fine
  const release = await lockOutput(target);
  const stagingDir = `${target}${STAGING_MARK}${process.pid}`;
  try {
    await recoverFromKilledBuilds(target);
    await mkdir(stagingDir);
    await writeOutputMarker(stagingDir);
    const { keep, value } = await work(stagingDir);
    if (keep) await swapIn(stagingDir, target);
    return value;
  } finally {
    await rm(stagingDir, { recursive: true, force: true });
    await release();
  }
}

async function swapIn(stagingDir: string, target: string): Promise<void> {
  const retired = `${target}${RETIRED_MARK}${process.pid}`;
  const hadPrevious = await rename(target, retired).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return false;
      throw error;
    },
  );
  try {
    await rename(stagingDir, target);
  } catch (error) {
    if (hadPrevious) await rename(retired, target);
    throw error;
  }
  if (hadPrevious) await rm(retired, { recursive: true, force: true });
}

/**
 * Tidy up after builds that were killed: only their folders, named `<out>.building-<pid>` or
 * `<out>.previous-<pid>`; while this build holds the lock, no other build can be using one. A killed
 * build's staging folder is half-written and goes. A previous output left by a kill between the swap's
 * two renames is the last complete copy when the output is missing: it is put back. When the output
 * exists, the swap had finished and the previous one goes.
 */
async function recoverFromKilledBuilds(target: string): Promise<void> {
  const parent = path.dirname(target);
  const base = path.basename(target);
  const leftovers = (await readdir(parent).catch(() => [] as string[])).flatMap((entry) => {
    const match = /^\.(building|previous)-(\d+)$/.exec(entry.slice(base.length));
    return entry.startsWith(base) && match && Number(match[2]) !== process.pid
      ? [{ path: path.join(parent, entry), retired: match[1] === "previous" }]
      : [];
  });
  const retired = leftovers.filter((leftover) => leftover.retired);
  if (retired.length > 0 && !(await exists(target))) {
    const newest = await newestOf(retired.map((leftover) => leftover.path));
    await rename(newest, target);
  }
  for (const leftover of leftovers) await rm(leftover.path, { recursive: true, force: true });
}

async function newestOf(folders: readonly string[]): Promise<string> {
  const times = await Promise.all(folders.map(async (folder) => ({ folder, time: (await stat(folder)).mtimeMs })));
  return times.sort((a, b) => b.time - a.time)[0]?.folder as string;
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/** One build at a time per output folder: a second one is refused, as a mistake of use (exit 2). */
async function lockOutput(target: string): Promise<() => Promise<void>> {
  const lockFile = `${target}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockFile, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(await readFile(lockFile, "utf8").catch(() => ""));
      if (holder && isRunning(holder)) {
        const message = `another build (process ${holder}) is writing this output; wait for it to finish, or delete ${lockFile} if that process is not a build`;
        throw new InputError([{ file: `--out ${target}`, field: "", message }]);
      }
      await rm(lockFile, { force: true }); // left by a build that was killed
    }
  }
  throw new Error(`could not lock ${lockFile}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
