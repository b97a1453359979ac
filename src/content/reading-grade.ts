import { decodeHTML } from "entities";
import { fleschKincaid } from "flesch-kincaid";
import silabea from "silabea";
import { syllable } from "syllable";

/** How hard a text is to read, by the formula made for its language. */
export interface Readability {
  formula: "flesch-kincaid" | "inflesz";
  /** US school grade: Flesch-Kincaid's own; for INFLESZ, the grade Flesch's table gives its reading ease. */
  grade: number;
  /** Reading ease on the 0–100 scale (INFLESZ only; higher is easier). */
  ease?: number;
  words: number;
  sentences: number;
}

interface Counts {
  words: string[];
  sentences: number;
}

/** Plain text of HTML, each block (paragraph, list item, heading, table cell) ending a sentence. */
export function textOfHtml(html: string): string {
  const blocks = html.replace(/<\/(?:p|li|h[1-6]|dt|dd|td|th|div|label)>/gi, " \u2029 ").replace(/<[^>]+>/g, " ");
  return decodeHTML(blocks)
    .split("\u2029")
    .map((block) => block.replace(/\s+/g, " ").trim())
    .filter((block) => /\p{L}/u.test(block))
    .map((block) => (/[.!?:;]$/.test(block) ? block : `${block}.`))
    .join(" ");
}

function count(text: string): Counts {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  const sentences = (text.match(/[.!?:;]+(?=\s|$)/g) ?? []).length;
  return { words, sentences: Math.max(1, sentences) };
}

function spanishSyllables(word: string): number {
  return /^\p{L}+$/u.test(word) ? Math.max(1, silabea.getSilabas(word.toLowerCase()).numeroSilaba) : 1;
}

/** Flesch's 1948 table from reading ease to school grade, interpolated between its rows. */
const EASE_TO_GRADE: [number, number][] = [
  [100, 4],
  [90, 5],
  [80, 6],
  [70, 7],
  [60, 9],
  [50, 12],
  [30, 16],
  [0, 18],
];

export function gradeForEase(ease: number): number {
  const clamped = Math.min(100, Math.max(0, ease));
  for (let i = 1; i < EASE_TO_GRADE.length; i++) {
    const [upperEase, upperGrade] = EASE_TO_GRADE[i - 1] as [number, number];
    const [lowerEase, lowerGrade] = EASE_TO_GRADE[i] as [number, number];
    if (clamped >= lowerEase) return upperGrade + ((upperEase - clamped) / (upperEase - lowerEase)) * (lowerGrade - upperGrade);
  }
  return 18;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Measure the reading level of a handout's HTML in its language; undefined for a language without a formula. */
export function measureReadability(html: string, lang: string): Readability | undefined {
  const { words, sentences } = count(textOfHtml(html));
  if (words.length === 0) return undefined;
  if (lang === "en") {
    const syllables = words.reduce((sum, word) => sum + Math.max(1, syllable(word)), 0);
    const grade = fleschKincaid({ sentence: sentences, word: words.length, syllable: syllables });
    return { formula: "flesch-kincaid", grade: round(grade), words: words.length, sentences };
  }
  if (lang === "es") {
    // INFLESZ (Barrio-Cantalejo 2008) reads the Szigriszt-Pazos perspicuity: 206.835 − 62.3·syllables/words − words/sentences.
    const syllables = words.reduce((sum, word) => sum + spanishSyllables(word), 0);
    const ease = 206.835 - (62.3 * syllables) / words.length - words.length / sentences;
    return { formula: "inflesz", grade: round(gradeForEase(ease)), ease: round(ease), words: words.length, sentences };
  }
  return undefined;
}
