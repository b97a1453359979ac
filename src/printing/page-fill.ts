import { readFile } from "node:fs/promises";
import type { TextContent, TextItem } from "pdfjs-dist/types/src/display/api.js";

/**
 * How full the pages of a printed handout are, read from the PDF's text positions: for each page, how far down
 * its text area the text reaches. The text area is found in the PDF itself, so this holds for every paper, print
 * size and page margin: its top is the highest line of text on any page (continuing pages start there), its
 * bottom is just above the running footer, the lowest lines of text that are marked as artifacts on every page.
 */
export interface PageFill {
  pages: number;
  /** Per page, the share (0–1) of the text area's height from its top down to the page's lowest text. */
  fills: number[];
  /** The last page's text, top of its first line to the foot of its last, as a share of the text area's height. */
  lastPageSpan: number;
  /** The share of the page before the last left blank below its text (0 for a one-page document). */
  roomBeforeLastPage: number;
  /** The bookmarks (the headings), in order, with the page each is on. */
  headings: { title: string; page: number }[];
}

/** A last page whose text reaches less far down than this is nearly empty: three quarters or more of it blank. */
export const NEARLY_EMPTY = 0.25;

/** Space between the text area and the footer's first line (site.css: padding-top of the margin boxes), in points. */
const FOOTER_GAP = (1.5 / 25.4) * 72;
/** Baselines this close (points) are one line: a mark set a little off its letter's baseline still counts with it. */
const SAME_LINE = 1.5;
/** Text with something to see: a run of only combining marks or control characters belongs to a letter beside it. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

interface Line {
  /** Baseline, and the foot and top of the line's glyphs (points from the bottom of the page). */
  y: number;
  y0: number;
  y1: number;
  artifact: boolean;
  text: string;
}

/** Measure how full each page of a PDF is; see PageFill. */
export function measurePageFill(pdf: Uint8Array | string): Promise<PageFill> {
  // One document at a time, as in layout-check.ts: pdfjs 5.4 keeps the page count of the last document opened in a
  // singleton, so a document read while another opens can refuse its own pages.
  const run = queue.then(() => measure(pdf));
  queue = run.catch(() => undefined);
  return run;
}

let queue: Promise<unknown> = Promise.resolve();

async function measure(pdf: Uint8Array | string): Promise<PageFill> {
  const data = typeof pdf === "string" ? new Uint8Array(await readFile(pdf)) : new Uint8Array(pdf);
  // Loaded on first use: pdfjs replaces built-ins of the thread that loads it with slower stand-ins (see finish-pdf.ts).
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await getDocument({ data, verbosity: 0, disableFontFace: true, useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const pages: Line[][] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      pages.push(linesOf(await page.getTextContent({ includeMarkedContent: true })));
      page.cleanup();
    }
    return { ...fillOf(pages), headings: await headingsOf(document) };
  } finally {
    await document.destroy();
  }
}

type Document = Awaited<ReturnType<typeof import("pdfjs-dist/legacy/build/pdf.mjs").getDocument>["promise"]>;
type Outline = Awaited<ReturnType<Document["getOutline"]>>;

/** The PDF's bookmarks, depth first, with their pages (Chromium makes one for each heading). */
async function headingsOf(document: Document): Promise<PageFill["headings"]> {
  const headings: PageFill["headings"] = [];
  const visit = async (items: Outline) => {
    for (const item of items ?? []) {
      const [target] = Array.isArray(item.dest) ? item.dest : [];
      if (target && typeof target === "object") headings.push({ title: item.title, page: (await document.getPageIndex(target)) + 1 });
      await visit(item.items);
    }
  };
  await visit(await document.getOutline());
  return headings;
}

/** Every run of visible text on a page, and whether it is inside an artifact (the running footer, bullets). */
function linesOf(content: TextContent): Line[] {
  const lines: Line[] = [];
  const open: string[] = [];
  for (const item of content.items) {
    if ("type" in item) {
      if (item.type === "endMarkedContent") open.pop();
      else open.push((item as { tag?: string }).tag ?? ""); // pdfjs gives the tag ("Artifact", "P") but does not type it
      continue;
    }
    const run = item as TextItem;
    if (!VISIBLE.test(run.str)) continue;
    const [a = 1, b = 0, , , , f = 0] = run.transform as number[];
    const size = Math.hypot(a, b);
    const style = content.styles[run.fontName];
    lines.push({
      y: f,
      y0: f + (style?.descent ?? -0.25) * size,
      y1: f + (style?.ascent ?? 0.9) * size,
      artifact: open.includes("Artifact"),
      text: run.str,
    });
  }
  return lines;
}

/** The shares of PageFill from each page's runs of text. */
function fillOf(pages: Line[][]): Omit<PageFill, "headings"> {
  const footer = footerBaselines(pages);
  const inFooter = (line: Line) => footer.some((y) => Math.abs(line.y - y) <= SAME_LINE);
  const body = pages.map((lines) => lines.filter((line) => !inFooter(line)));
  const footerTop = Math.max(...pages.flatMap((lines) => lines.filter(inFooter).map((line) => line.y1)));
  const top = Math.max(...body.flatMap((lines) => lines.map((line) => line.y1)));
  const bottom = Number.isFinite(footerTop) ? footerTop + FOOTER_GAP : 0;
  const height = top - bottom;
  const share = (points: number) => Math.min(1, Math.max(0, points / height));
  const lowest = (lines: Line[]) => Math.min(top, ...lines.map((line) => line.y0));
  const fills = body.map((lines) => share(top - lowest(lines)));
  const last = body.at(-1) ?? [];
  const highest = Math.max(bottom, ...last.map((line) => line.y1));
  return {
    pages: pages.length,
    fills,
    lastPageSpan: share(highest - lowest(last)),
    roomBeforeLastPage: fills.length > 1 ? 1 - (fills.at(-2) ?? 1) : 0,
  };
}

/**
 * The baselines of the running footer: from the foot of the page up, each baseline with text on every page that is
 * the footer's by its marking (artifact text there on every page) or by its words (the same on every page but for
 * the page number), up to the first that is neither. On every page, so that a bullet on the last line of one page
 * is not taken for the footer; by either sign, since some glyphs of some scripts escape the artifact marking
 * (Arabic letters, a Vietnamese tone mark).
 */
function footerBaselines(pages: Line[][]): number[] {
  const baselines = pages
    .flat()
    .map((line) => line.y)
    .sort((p, q) => p - q);
  const footer: number[] = [];
  for (const y of baselines) {
    if (footer.some((seen) => Math.abs(seen - y) <= SAME_LINE)) continue;
    const at = pages.map((lines) => lines.filter((line) => Math.abs(line.y - y) <= SAME_LINE));
    if (!(markedOnEveryPage(at) || sameOnEveryPage(at))) break;
    footer.push(y);
  }
  return footer;
}

const markedOnEveryPage = (at: Line[][]) => at.every((lines) => lines.some((line) => line.artifact));

/** The same words on each of two or more pages, leaving out digits (the page number) and the order of the runs. */
function sameOnEveryPage(at: Line[][]): boolean {
  const words = at.map((lines) =>
    lines
      .map((line) => line.text.replace(/\p{N}/gu, ""))
      .sort()
      .join(""),
  );
  return at.length > 1 && words.every((text) => text !== "" && text === words[0]);
}

/**
 * Where a handout's closing block is, by the headings around it (in the handout's language): it follows the contact
 * block (one block, never split, under `after`) and comes before the blocks under `before`, if any (the language
 * help). What lies between, the QR code, the disclaimer, the review dates and the sources, is the closing block.
 */
export interface ClosingBlock {
  after: string;
  before: readonly string[];
}

/**
 * Whether a PDF ends on a nearly empty page that it need not have: its last page's text reaches less than a quarter
 * of the way down, and either that text would have fitted in the room left at the foot of the page before (it went
 * over only because of a rule that keeps things together, not for want of room), or it is only the end of a short
 * closing block, one that began on the page before (it went over with nothing of the handout to keep it company).
 * A short last page holding the end of the handout's own text, of the language help, or of a closing block longer
 * than a page (a long list of sources) is where the text really ends, and is left alone.
 */
export function endsOnAvoidableEmptyPage(fill: PageFill, closing?: ClosingBlock): boolean {
  const lastFill = fill.fills.at(-1) ?? 1;
  if (fill.pages < 2 || lastFill >= NEARLY_EMPTY) return false;
  const fitsBefore = fill.lastPageSpan <= fill.roomBeforeLastPage;
  // A closing block that began on the page before: the contact block it follows is there.
  const shortClosing = closing !== undefined && onlyClosingBlockOnLastPage(fill, closing) && pageOf(fill, closing.after) === fill.pages - 1;
  return fitsBefore || shortClosing;
}

/**
 * The last page holds nothing but (the end of) the closing block: the contact block is on an earlier page, and no
 * block follows the closing block (one that does ends the handout, so the last page holds its end).
 */
export function onlyClosingBlockOnLastPage(fill: PageFill, closing: ClosingBlock): boolean {
  const contact = pageOf(fill, closing.after);
  const followed = closing.before.some((title) => pageOf(fill, title) !== undefined);
  return contact !== undefined && contact < fill.pages && !followed;
}

/** The page of the last heading of that title (a section of the handout could share a title with a closing one). */
const pageOf = (fill: PageFill, title: string) => [...fill.headings].reverse().find((heading) => sameWords(heading.title, title))?.page;

/** The same words in any order: Chromium writes a right-to-left heading's bookmark with its words reversed. */
const sameWords = (first: string, second: string) => wordsOf(first) === wordsOf(second);
const wordsOf = (text: string) => text.trim().split(/\s+/).sort().join(" ");
