import { constants } from "node:fs";
import { lstat, open, readlink } from "node:fs/promises";

/**
 * Read a file the tool was given (a clinic file, a logo, site.json, a manifest part), at most `limit`
 * bytes. The type is checked on the opened file itself, after symlinks are followed, so a named pipe
 * cannot hang the read, a device such as /dev/zero cannot feed it forever, and a folder is not read
 * as a file. Returns the bytes, or a plain reason it cannot be used (never throws for a bad input).
 */
export async function readInputFile(file: string, limit: number, what: string): Promise<{ bytes: Buffer } | { problem: string }> {
  let handle;
  try {
    // Non-blocking: opening a named pipe would otherwise wait for a writer that never comes.
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (error) {
    return { problem: await openProblem(file, error as NodeJS.ErrnoException) };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { problem: `${kindOf(info)}, not a file` };
    if (info.size > limit) return { problem: `file is ${kilobytes(info.size)} KB; ${what} may be at most ${kilobytes(limit)} KB` };
    // The size given may be wrong (a file still growing, /proc): read no more than the limit, plus one byte to notice.
    let buffer = Buffer.alloc(Math.min(limit, Math.max(info.size, 64 * 1024)) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      length += bytesRead;
      if (bytesRead === 0 || length > limit) break;
      if (length === buffer.length) buffer = Buffer.concat([buffer, Buffer.alloc(Math.min(buffer.length, limit + 1 - buffer.length))]);
    }
    if (length > limit) return { problem: `file is more than ${kilobytes(limit)} KB; ${what} may be at most ${kilobytes(limit)} KB` };
    return { bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  } finally {
    await handle.close();
  }
}

const kilobytes = (bytes: number) => Math.ceil(bytes / 1024);

function kindOf(info: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}): string {
  if (info.isDirectory()) return "is a folder";
  if (info.isFIFO()) return "is a named pipe";
  if (info.isSocket()) return "is a socket";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "is a device";
  return "is not a regular file";
}

/** Why a file could not be opened, in plain words: a link to nowhere is named as such. */
async function openProblem(file: string, error: NodeJS.ErrnoException): Promise<string> {
  if (error.code === "ENOENT") {
    const link = await lstat(file).then(
      (info) => info.isSymbolicLink(),
      () => false,
    );
    if (link) return `is a link to ${JSON.stringify(await readlink(file).catch(() => "?"))}, which does not exist`;
    return "was not found";
  }
  if (error.code === "EACCES" || error.code === "EPERM") return "cannot be read (permission denied)";
  if (error.code === "ELOOP") return "is a link that leads round in a circle";
  if (error.code === "ENAMETOOLONG") return "has a name too long for this system";
  return `cannot be read (${error.code ?? error.message})`;
}
