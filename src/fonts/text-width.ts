import type { Font } from "fontkit";
import { fontStack, type Family } from "./typefaces.ts";
import { facesFor, fontOf } from "./coverage.ts";

/** Regular text, or bold. */
export type Weight = 400 | 700;

/**
 * Width of `text` in ems as Chromium sets it in a language's font stack: each character in the first bundled
 * typeface of the stack that draws it, runs of one typeface shaped together by fontkit (so Arabic letters take
 * their joined forms and kerning applies), without the browser's rounding. Lets the running footer be laid out
 * before printing.
 */
export function textWidthEm(text: string, weight: Weight, lang: string): number {
  const stack = fontStack(lang);
  let total = 0;
  for (const run of runsByFace(text, weight, stack)) {
    const font = run.face ? fontOf(run.face) : undefined;
    // A character no bundled typeface draws cannot reach a footer (clinic text is checked); count it a full em.
    total += font ? runWidth(font, run.text, run.face?.family === "Noto Sans Arabic") / font.unitsPerEm : [...run.text].length;
  }
  return total;
}

/**
 * Joining scripts are shaped as a whole run (a letter's joined form has its own width); elsewhere a character's
 * advance is its width, read once per typeface, which is what makes laying out many candidate lines quick.
 */
function runWidth(font: Font, text: string, shaped: boolean): number {
  if (shaped) return font.layout(text).advanceWidth;
  let advances = advanceCache.get(font);
  if (!advances) advanceCache.set(font, (advances = new Map()));
  let width = 0;
  for (const char of text) {
    const codePoint = char.codePointAt(0) as number;
    let advance = advances.get(codePoint);
    if (advance === undefined) advances.set(codePoint, (advance = font.glyphForCodePoint(codePoint).advanceWidth));
    width += advance;
  }
  return width;
}

const advanceCache = new WeakMap<Font, Map<number, number>>();

type Face = ReturnType<typeof facesFor>[number];

/** `text` cut where the typeface that draws it changes; white space goes with the run before it. */
function runsByFace(text: string, weight: Weight, stack: Family[]): { text: string; face: Face | undefined }[] {
  const runs: { text: string; face: Face | undefined }[] = [];
  for (const char of text) {
    const last = runs.at(-1);
    const face = /\s/.test(char) && last ? last.face : faceOf(char.codePointAt(0) as number, weight, stack);
    if (last && last.face === face) last.text += char;
    else runs.push({ text: char, face });
  }
  return runs;
}

function faceOf(codePoint: number, weight: Weight, stack: Family[]): Face | undefined {
  const faces = facesFor(codePoint).filter((face) => face.weight === weight);
  for (const family of stack) {
    const face = faces.find((candidate) => candidate.family === family);
    if (face) return face;
  }
  return undefined;
}
