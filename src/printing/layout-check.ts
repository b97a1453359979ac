import { readFile } from "node:fs/promises";

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
  /** Font size along the baseline (points). */
  size: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Find text that cannot be read on paper: two runs of text whose boxes overlap (such as a running footer's title
 * over its page number), and text that runs off the page or into the strip along its edge that printers leave
 * blank. Boxes are the runs' advance widths by their fonts' full height (ascent to descent), from pdfjs; touching
 * neighbours on a line and consecutive lines set close together do not count.
 */
export function checkLayout(pdf: Uint8Array | string, options: LayoutCheckOptions = {}): Promise<LayoutIssue[]> {
  // One document at a time: pdfjs 5.4 keeps the page count of the last document opened in a singleton
  // (PagesMapper), so a document read while another opens can refuse its own pages ("Invalid page request").
  const run = queue.then(() => check(pdf, options));
  queue = run.catch(() => undefined);
  return run;
}

let queue: Promise<unknown> = Promise.resolve();

async function check(pdf: Uint8Array | string, options: LayoutCheckOptions): Promise<LayoutIssue[]> {
  const data = typeof pdf === "string" ? new Uint8Array(await readFile(pdf)) : new Uint8Array(pdf); // pdfjs takes ownership of its copy
  const inset = options.printableInset ?? DEFAULT_PRINTABLE_INSET;
  // Loaded on first use: pdfjs replaces built-ins of the thread that loads it with slower stand-ins (see finish-pdf.ts).
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await getDocument({ data, verbosity: 0, disableFontFace: true, useSystemFonts: false, isEvalSupported: false }).promise;
  const issues: LayoutIssue[] = [];
  try {
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const [left, bottom, right, top] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!("str" in item) || !hasReliableBox(item.str)) continue;
        const style = content.styles[item.fontName];
        const ascent = Math.min(style?.ascent ?? MAX_ASCENT, MAX_ASCENT);
        const descent = Math.max(style?.descent ?? MAX_DESCENT, MAX_DESCENT);
        runs.push(boxOf(item.str, item.transform as number[], item.width, ascent, descent));
      }
      for (const run of runs) {
        if (run.x0 < left - EDGE_SLACK || run.x1 > right + EDGE_SLACK || run.y0 < bottom - EDGE_SLACK || run.y1 > top + EDGE_SLACK) {
          issues.push({ page: number, kind: "off-page", text: shorten(run.text) });
        } else if (run.x0 < left + inset || run.x1 > right - inset || run.y0 < bottom + inset || run.y1 > top - inset) {
          issues.push({ page: number, kind: "unprintable", text: shorten(run.text) });
        }
      }
      issues.push(...overlapsOn(number, runs));
      page.cleanup();
    }
  } finally {
    await document.destroy();
  }
  return issues;
}

/**
 * Only runs of letters and digits count. Arabic is shaped into base glyphs plus dots and marks placed apart, which
 * pdfjs reads as "\0" (no character) or combining marks, sometimes merged into a letter's run at the mark's
 * position; it also inserts spaces where glyphs step back. Those sit on or under letters by design.
 */
const hasReliableBox = (text: string) => /[\p{L}\p{N}]/u.test(text) && !text.includes("\u0000");

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
  return { text, size, x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
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
      if (across > minimumOverlap(first, second) && up > MIN_OVERLAP_HEIGHT_SHARE * lower) {
        issues.push({ page, kind: "overlap", text: shorten(first.text), other: shorten(second.text) });
      }
    }
  }
  return issues;
}

/**
 * Arabic letters join: Chromium places each shaped glyph (and its dots, which pdfjs merges into a neighbour's
 * run) on its own, and joined neighbours reach into each other by a fraction of an em by design.
 */
function minimumOverlap(first: Run, second: Run): number {
  const joined = JOINING_SCRIPT.test(first.text) && JOINING_SCRIPT.test(second.text);
  return joined ? JOINED_OVERLAP_EMS * Math.min(first.size, second.size) : MIN_OVERLAP_WIDTH;
}

const JOINING_SCRIPT = /\p{Script=Arabic}/u;
const JOINED_OVERLAP_EMS = 0.35;

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
