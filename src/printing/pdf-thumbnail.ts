import { execFile } from "node:child_process";
import { rename, rm } from "node:fs/promises";
import { promisify } from "node:util";
import { THUMBNAIL_WIDTH } from "../paper.ts";

const run = promisify(execFile);

/** The PDF rasterizer thumbnails are made with: poppler's, fast and faithful to the printed page. */
export const PDFTOPPM = process.env.HANDOUTS_PDFTOPPM ?? "pdftoppm";

let available: Promise<boolean> | undefined;

/** Whether pdftoppm can run here (asked once per process). */
export function canMakeThumbnails(): Promise<boolean> {
  available ??= run(PDFTOPPM, ["-v"]).then(
    () => true,
    () => false,
  );
  return available;
}

export const THUMBNAIL_HINT =
  "thumbnails of the PDFs need pdftoppm from poppler-utils (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler); building without them";

/**
 * Render the first page of a PDF as a JPEG THUMBNAIL_WIDTH pixels wide; written whole or not at all.
 * JPEG, not PNG: pdftoppm takes half the time (PNG's compression is most of its work), the file is
 * two thirds the size, and at this size the two look the same.
 */
export async function writeThumbnail(pdfFile: string, jpegFile: string): Promise<void> {
  const partialRoot = `${jpegFile}.partial`;
  try {
    await run(PDFTOPPM, [
      "-jpeg",
      "-jpegopt",
      "quality=85,optimize=y",
      "-f",
      "1",
      "-l",
      "1",
      "-singlefile",
      "-scale-to-x",
      String(THUMBNAIL_WIDTH),
      "-scale-to-y",
      "-1",
      pdfFile,
      partialRoot,
    ]);
    await rename(`${partialRoot}.jpg`, jpegFile);
  } finally {
    await rm(`${partialRoot}.jpg`, { force: true });
  }
}
