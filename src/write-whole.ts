import { rename, rm, writeFile } from "node:fs/promises";

/**
 * Write a file whole or not at all: first beside it, then renamed over it, so a reader (a browser, a host
 * serving the folder, the next build) never sees half of it, even when the process is killed midway.
 */
export async function writeWhole(file: string, data: string | Uint8Array): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  try {
    await writeFile(partial, data);
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
}
