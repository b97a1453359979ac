import { realpath } from "node:fs/promises";
import path from "node:path";
import { readInputFile } from "../input/read-input-file.ts";
import { LOGO_BOX, rebuildLogo, type LogoImage, type PictureBox } from "./rebuild-logo.ts";

/** Logos are small pictures; anything larger is a mistake (a photo, a PDF renamed). */
export const MAX_LOGO_BYTES = 512 * 1024;

const SIGNATURES: Record<string, (head: Buffer) => boolean> = {
  png: (head) => head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  jpg: (head) => head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff,
  svg: (head) => /<svg[\s>]/i.test(head.toString("utf8")),
};

/**
 * Check a clinic's logo file (or a picture of its own sections, in a larger box) and rebuild it for publishing (see rebuildLogo): the picture, or the
 * reason it cannot be used. Only a file inside the data folder is read, and only a regular one.
 */
export async function checkLogo(
  dataDir: string,
  logo: string,
  box: PictureBox = LOGO_BOX,
): Promise<{ image: LogoImage } | { problem: string }> {
  const root = await realpath(dataDir);
  const named = JSON.stringify(logo);
  let file: string;
  try {
    file = await realpath(path.resolve(root, logo));
  } catch {
    return { problem: `file ${named} was not found in the data folder (${dataDir})` };
  }
  if (!file.startsWith(root + path.sep)) return { problem: `${named} is outside the data folder` };
  const read = await readInputFile(file, MAX_LOGO_BYTES, "a logo");
  if ("problem" in read) return { problem: `${named}: ${read.problem}` };
  const kind = logoKind(file);
  if (!SIGNATURES[kind]?.(read.bytes)) return { problem: `${named} is not a ${kind.toUpperCase()} image` };
  try {
    return { image: await rebuildLogo(read.bytes, kind, box) };
  } catch (error) {
    return {
      problem: `${named} could not be read as a ${kind.toUpperCase()} image (${(error as Error).message}); save the logo again as a plain SVG or PNG`,
    };
  }
}

export function logoKind(file: string): "png" | "jpg" | "svg" {
  const extension = path.extname(file).slice(1).toLowerCase();
  return extension === "jpeg" ? "jpg" : (extension as "png" | "jpg" | "svg");
}
