import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * The typefaces the handouts are set in, all bundled (from @fontsource, SIL Open Font License): Atkinson
 * Hyperlegible for Latin script, designed for low vision; Noto Sans for Vietnamese, Cyrillic and other Latin;
 * Noto Sans Arabic, SC (Simplified Chinese), KR and JP for their scripts. No page or PDF falls back to a font
 * of the machine it is printed on.
 */
export const TYPEFACES = [
  { family: "Atkinson Hyperlegible", packageName: "@fontsource/atkinson-hyperlegible" },
  { family: "Noto Sans", packageName: "@fontsource/noto-sans" },
  { family: "Noto Sans Arabic", packageName: "@fontsource/noto-sans-arabic" },
  { family: "Noto Sans SC", packageName: "@fontsource/noto-sans-sc" },
  { family: "Noto Sans KR", packageName: "@fontsource/noto-sans-kr" },
  { family: "Noto Sans JP", packageName: "@fontsource/noto-sans-jp" },
] as const;

export type Family = (typeof TYPEFACES)[number]["family"];

/** Regular for text, bold for headings and what must not be missed. */
export const WEIGHTS = [400, 700] as const;

/** One file of a typeface: one weight, for the characters of its unicode-range (fontsource splits fonts so). */
export interface FontFace {
  family: Family;
  weight: (typeof WEIGHTS)[number];
  /** The WOFF2 file in node_modules. */
  file: string;
  /** Inclusive code point ranges, as its unicode-range says. */
  ranges: [number, number][];
  /** The unicode-range as written, for the @font-face rule. */
  unicodeRange: string;
}

let faces: FontFace[] | undefined;

/** Every file of every bundled typeface, in the order of TYPEFACES, read from the packages' own CSS. */
export function fontFaces(): FontFace[] {
  faces ??= TYPEFACES.flatMap(({ family, packageName }) => {
    const folder = path.dirname(createRequire(import.meta.url).resolve(`${packageName}/package.json`));
    return WEIGHTS.flatMap((weight) => facesOfCss(readFileSync(path.join(folder, `${weight}.css`), "utf8"), folder, family, weight));
  });
  return faces;
}

function facesOfCss(css: string, folder: string, family: Family, weight: FontFace["weight"]): FontFace[] {
  return [...css.matchAll(/@font-face\s*\{([^}]*)\}/g)].map(([, rule = ""]) => {
    const file = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(rule)?.[1];
    const unicodeRange = /unicode-range:\s*([^;]+);/.exec(rule)?.[1]?.trim();
    if (!file || !unicodeRange) throw new Error(`${family} ${weight}: a @font-face rule without a WOFF2 file or unicode-range`);
    return { family, weight, file: path.join(folder, file), ranges: parseUnicodeRange(unicodeRange), unicodeRange };
  });
}

/** "U+0000-00FF,U+0131,U+4E00-4E0F" → [[0, 255], [305, 305], [19968, 19983]]. */
export function parseUnicodeRange(text: string): [number, number][] {
  return text.split(",").map((part) => {
    const [start = "", end] = part.trim().replace(/^U\+/i, "").split("-");
    return [parseInt(start, 16), parseInt(end ?? start, 16)];
  });
}

/**
 * The typefaces for text in a language, first the one made for its script; the rest follow, so a word in
 * another script (a clinic's name in Chinese on an English page) still has a bundled typeface to draw it.
 */
export function fontStack(lang: string): Family[] {
  const first: Family = /^(ar|fa|ur)\b/.test(lang)
    ? "Noto Sans Arabic"
    : /^zh\b/.test(lang)
      ? "Noto Sans SC"
      : /^ko\b/.test(lang)
        ? "Noto Sans KR"
        : /^ja\b/.test(lang)
          ? "Noto Sans JP"
          : /^(vi|ru|uk|bg|sr|el)\b/.test(lang)
            ? "Noto Sans"
            : "Atkinson Hyperlegible";
  return [first, ...TYPEFACES.map((typeface) => typeface.family).filter((family) => family !== first)];
}

/** A font stack as CSS: every family quoted, no generic family (nothing to fall back to). */
export const cssFontStack = (lang: string) =>
  fontStack(lang)
    .map((family) => `"${family}"`)
    .join(", ");
