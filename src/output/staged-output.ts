import { mkdir, open, rename, rm, readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** Folders beside the output that a build owns while it runs. */
const STAGING_MARK = ".building-";
const RETIRED_MARK = ".previous-";

/**
 * Build into a new folder beside `outDir` and swap it in only when `work` says so.
 * Until the swap, the previous output stays whole; a failed or interrupted build leaves it as it was.
 */
export async function withStagedOutput<T>(outDir: string, work: (stagingDir: string) => Promise<{ keep: boolean; value: T }>): Promise<T> {
  const target = path.resolve(outDir);
  await mkdir(path.dirname(target), { recursive: true }); // `--out new/folder/site` is fine
  const release = await lockOutput(target);
  const stagingDir = `${target}${STAGING_MARK}${process.pid}`;
  try {
    await removeLeftovers(target);
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
  await rename(stagingDir, target);
  if (hadPrevious) await rm(retired, { recursive: true, force: true });
}

/** Staging folders left by a build that was killed before it could clean up. */
async function removeLeftovers(target: string): Promise<void> {
  const parent = path.dirname(target);
  const base = path.basename(target);
  const entries = await readdir(parent).catch(() => [] as string[]);
  for (const entry of entries) {
    if (entry.startsWith(`${base}${STAGING_MARK}`) || entry.startsWith(`${base}${RETIRED_MARK}`)) {
      await rm(path.join(parent, entry), { recursive: true, force: true });
    }
  }
}

/** One build at a time per output folder: a second one is refused with a clear message. */
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
        throw new Error(`another build (process ${holder}) is writing ${target}; wait for it to finish, or delete ${lockFile} if it is gone`);
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
