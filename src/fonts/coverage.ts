import { readFileSync } from "node:fs";
import * as fontkit from "fontkit";
import { fontFaces, type FontFace } from "./typefaces.ts";

const glyphs = new Map<string, fontkit.Font>();

export function fontOf(face: FontFace): fontkit.Font {
  let font = glyphs.get(face.file);
  if (!font) {
    font = fontkit.create(readFileSync(face.file)) as fontkit.Font;
    glyphs.set(face.file, font);
  }
  return font;
}

const inRange = (face: FontFace, codePoint: number) => face.ranges.some(([start, end]) => codePoint >= start && codePoint <= end);

let byBlock: Map<number, FontFace[]> | undefined;

/** The faces whose unicode-range touches each block of 256 code points: a character looks only at a few. */
function facesOfBlock(codePoint: number): FontFace[] {
  if (!byBlock) {
    byBlock = new Map();
    for (const face of fontFaces()) {
      const blocks = new Set(
        face.ranges.flatMap(([start, end]) => Array.from({ length: (end >> 8) - (start >> 8) + 1 }, (_, index) => (start >> 8) + index)),
      );
      for (const block of blocks) byBlock.set(block, [...(byBlock.get(block) ?? []), face]);
    }
  }
  return byBlock.get(codePoint >> 8) ?? [];
}

/** The files of the bundled typefaces that draw this character (in a regular weight or bold), in the order of TYPEFACES. */
export function facesFor(codePoint: number): FontFace[] {
  return facesOfBlock(codePoint).filter((face) => inRange(face, codePoint) && fontOf(face).hasGlyphForCodePoint(codePoint));
}

/**
 * Characters no font draws: white space and the marks that only steer line breaks or text direction
 * (zero-width joiners, word joiner, left-to-right and right-to-left marks). They need no typeface.
 */
const INVISIBLE = /[\s\u200b-\u200f\u2060\u061c\ufeff]/u;

/** The characters of `text` that no bundled typeface can draw, each once, in the order they first appear. */
export function uncoveredCharacters(text: string): string[] {
  const missing = new Set<string>();
  for (const char of text) {
    if (INVISIBLE.test(char) || missing.has(char)) continue;
    if (facesFor(char.codePointAt(0) as number).length === 0) missing.add(char);
  }
  return [...missing];
}

/** "😀" (U+1F600), as a message names a character. */
export const describeCharacter = (char: string) =>
  `"${char}" (U+${(char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")})`;
