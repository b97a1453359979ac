import { open, realpath, stat } from "node:fs/promises";
import path from "node:path";

/** Logos are small pictures; anything larger is a mistake (a photo, a PDF renamed). */
export const MAX_LOGO_BYTES = 512 * 1024;

const SIGNATURES: Record<string, (head: Buffer) => boolean> = {
  png: (head) => head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  jpg: (head) => head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff,
  svg: (head) => /<svg[\s>]/i.test(head.toString("utf8")),
};

// An SVG logo must be a picture only: no script, no event handlers, nothing fetched from elsewhere.
const SVG_HAZARDS: [RegExp, string][] = [
  [/<script/i, "contains a <script>"],
  [/\son[a-z]+\s*=/i, "contains an event handler (on…=)"],
  [/<foreignObject/i, "contains <foreignObject>"],
  [/(?:href|src)\s*=\s*["']\s*(?!#)[^"']/i, "links to another file or address (only #references are allowed)"],
  [/url\(\s*["']?\s*(?!#)/i, "loads a url(…) from elsewhere"],
  [/<!ENTITY/i, "declares XML entities"],
  [/@import/i, "imports a stylesheet"],
];

/** Check a clinic's logo file; returns its absolute path, or the reason it cannot be used. */
export async function checkLogo(dataDir: string, logo: string): Promise<{ file: string } | { problem: string }> {
  const root = await realpath(dataDir);
  const candidate = path.resolve(root, logo);
  let file: string;
  try {
    file = await realpath(candidate);
  } catch {
    return { problem: `file ${JSON.stringify(logo)} was not found in the data folder (${dataDir})` };
  }
  if (!file.startsWith(root + path.sep)) return { problem: `${JSON.stringify(logo)} is outside the data folder` };
  const info = await stat(file);
  if (!info.isFile()) return { problem: `${JSON.stringify(logo)} is not a file` };
  if (info.size > MAX_LOGO_BYTES) {
    return { problem: `${JSON.stringify(logo)} is ${Math.ceil(info.size / 1024)} KB; logos may be at most ${MAX_LOGO_BYTES / 1024} KB` };
  }
  const kind = logoKind(file);
  const content = await readStart(file, kind === "svg" ? MAX_LOGO_BYTES : 16);
  if (!SIGNATURES[kind]?.(content)) return { problem: `${JSON.stringify(logo)} is not a ${kind.toUpperCase()} image` };
  if (kind === "svg") {
    const hazard = SVG_HAZARDS.find(([pattern]) => pattern.test(content.toString("utf8")));
    if (hazard) return { problem: `${JSON.stringify(logo)} ${hazard[1]}; save the logo as a plain SVG or PNG` };
  }
  return { file };
}

export function logoKind(file: string): "png" | "jpg" | "svg" {
  const extension = path.extname(file).slice(1).toLowerCase();
  return extension === "jpeg" ? "jpg" : (extension as "png" | "jpg" | "svg");
}

async function readStart(file: string, bytes: number): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
