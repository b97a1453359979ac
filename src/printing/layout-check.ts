import { readFile } from "node:fs/promises";
import { loadPdf } from "./pdf-metadata.ts";
import { textOfPages, type PageText } from "./pdf-text-runs.ts";

/** Something printed where it cannot be read: text over other text, or text beyond the paper or its printable part. */
export interface LayoutIssue {
  /** 1-based page number. */
  page: number;
  kind: "overlap" | "off-page" | "unprintable";
  /** The text concerned (shortened). */
  text: string;
  /** For an overlap: the other text. */
  other?: string;
}

export interface LayoutCheckOptions {
  /** Distance from the paper's edge that printers leave blank (points). Default: 1/6 inch (4.2 mm), common to office printers. */
  printableInset?: number;
}

/** Text boxes must share more than this (points) across, and this share of the lower one's height, to count as overlapping. */
const MIN_OVERLAP_WIDTH = 1;
const MIN_OVERLAP_HEIGHT_SHARE = 0.2;
/** Slack for rounding at the paper's edge (points). */
const EDGE_SLACK = 0.5;
export const DEFAULT_PRINTABLE_INSET = 12;
/**
 * The tallest glyph box counted, in ems. A font's own ascent and descent cover its tallest glyph in any script:
 * Noto Sans Arabic declares 1.37 and -0.74, so every two lines of Arabic set at a comfortable 1.5 would "overlap".
 * Letters of the scripts we print sit within this box.
 */
const MAX_ASCENT = 0.95;
const MAX_DESCENT = -0.3;

interface Run {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Find text that cannot be read on paper: two runs of text whose boxes overlap (such as a running footer's title
 * over its page number), and text that runs off the page or into the strip along its edge that printers leave
 * blank. Boxes are the runs' advance widths by their fonts' height (ascent to descent, see MAX_ASCENT); touching
 * neighbours on a line and consecutive lines set close together do not count.
 */
export async function checkLayout(pdf: Uint8Array | string, options: LayoutCheckOptions = {}): Promise<LayoutIssue[]> {
  const bytes = typeof pdf === "string" ? new Uint8Array(await readFile(pdf)) : pdf;
  return layoutIssues(textOfPages(await loadPdf(bytes)), options);
}

/** The layout issues of pages already read (see pdf-text-runs.ts). */
export function layoutIssues(pages: readonly PageText[], options: LayoutCheckOptions = {}): LayoutIssue[] {
  const inset = options.printableInset ?? DEFAULT_PRINTABLE_INSET;
  return pages.flatMap(({ view: [left, bottom, right, top], runs: printed }, index) => {
    const number = index + 1;
    const issues: LayoutIssue[] = [];
    const runs = printed
      .filter((run) => hasLettersOrDigits(run.text))
      .map((run) => boxOf(run.text, run.transform, run.width, Math.min(run.ascent, MAX_ASCENT), Math.max(run.descent, MAX_DESCENT)));
    for (const run of runs) {
      if (run.x0 < left - EDGE_SLACK || run.x1 > right + EDGE_SLACK || run.y0 < bottom - EDGE_SLACK || run.y1 > top + EDGE_SLACK) {
        issues.push({ page: number, kind: "off-page", text: shorten(run.text) });
      } else if (run.x0 < left + inset || run.x1 > right - inset || run.y0 < bottom + inset || run.y1 > top - inset) {
        issues.push({ page: number, kind: "unprintable", text: shorten(run.text) });
      }
    }
    issues.push(...overlapsOn(number, runs));
    return issues;
  });
}

/** Only runs of letters and digits count: a run of spaces, dots or rules alone is not text that can be misread. */
const hasLettersOrDigits = (text: string) => /[\p{L}\p{N}]/u.test(text);

/**
 * The box of a run of text: along its baseline by its width, square to it from descent to ascent, at any
 * rotation. A slant (Chromium's oblique for italic without an italic face) does not widen it.
 */
function boxOf(text: string, transform: readonly number[], width: number, ascent: number, descent: number): Run {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = transform;
  const length = Math.hypot(a, b) || 1;
  // Unit vectors along the baseline and square to it; the size is the glyphs' height square to the baseline.
  const [ux, uy] = [a / length, b / length];
  const [vx, vy] = [-uy, ux];
  const size = Math.abs(a * d - b * c) / length;
  const corners = [
    [0, descent * size],
    [width, descent * size],
    [0, ascent * size],
    [width, ascent * size],
  ].map(([along = 0, up = 0]) => [e + along * ux + up * vx, f + along * uy + up * vy] as const);
  const xs = corners.map(([x]) => x);
  const ys = corners.map(([, y]) => y);
  return { text, x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** Pairs of runs on a page whose boxes overlap by more than the tolerances, each pair once. */
function overlapsOn(page: number, runs: Run[]): LayoutIssue[] {
  const issues: LayoutIssue[] = [];
  const sorted = [...runs].sort((p, q) => p.x0 - q.x0);
  for (let i = 0; i < sorted.length; i++) {
    const first = sorted[i] as Run;
    for (let j = i + 1; j < sorted.length; j++) {
      const second = sorted[j] as Run;
      if (second.x0 >= first.x1 - MIN_OVERLAP_WIDTH) break; // sorted by left edge: no later run reaches back far enough
      const across = Math.min(first.x1, second.x1) - Math.max(first.x0, second.x0);
      const up = Math.min(first.y1, second.y1) - Math.max(first.y0, second.y0);
      const lower = Math.min(first.y1 - first.y0, second.y1 - second.y0);
      if (across > MIN_OVERLAP_WIDTH && up > MIN_OVERLAP_HEIGHT_SHARE * lower) {
        issues.push({ page, kind: "overlap", text: shorten(first.text), other: shorten(second.text) });
      }
    }
  }
  return issues;
}

const shorten = (text: string) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 48 ? `${flat.slice(0, 47)}…` : flat;
};

/** A layout issue in words, for a build warning: "page 2: "Terapia de infusión…" overlaps "Página 1 de 7"". */
export function describeLayoutIssue(issue: LayoutIssue): string {
  const where = `page ${issue.page}: "${issue.text}"`;
  if (issue.kind === "overlap") return `${where} overlaps "${issue.other}"`;
  if (issue.kind === "off-page") return `${where} runs off the page`;
  return `${where} is within ${((DEFAULT_PRINTABLE_INSET / 72) * 25.4).toFixed(1)} mm of the paper's edge, which printers leave blank`;
}
