import { PAPER_POINTS, type Paper } from "../../paper.ts";
import { textWidthEm, type Weight } from "../../fonts/text-width.ts";

/**
 * The running footer of a printed handout, laid out before printing so that it cannot collide: three margin
 * boxes with fixed shares of the width (title and review date | page number | phone), each broken into the
 * lines that fit its share, and no more lines than the bottom margin holds above the strip along the paper's
 * edge that printers leave blank. A title too long for its lines ends in "…" (the full title is on page 1 and
 * in the PDF's metadata); a phone number is never shortened: it moves to its own line, then breaks before its
 * extension, then at its spaces.
 */

/** Shares of the width between the page's left and right margins. Symmetric, so the page number stays centred. */
export const FOOTER_SHARES = { left: 0.4, center: 0.2, right: 0.4 } as const;

/** Line height of the footer, in ems (site.css sets the same on the margin boxes). */
export const FOOTER_LINE_HEIGHT = 1.2;

/**
 * What the footer has to fit in, per kind of page. These mirror the @page rules of site.css (margins in mm,
 * font sizes in pt); keep the two in step (the layout check of the limit clinic's PDFs fails when they drift).
 */
export const FOOTER_PAGES = {
  standard: { sideMarginMm: 18, bottomMarginMm: 20, leftSize: 9, rightSize: 10 },
  "large-print": { sideMarginMm: 16, bottomMarginMm: 24, leftSize: 12, rightSize: 13 },
  "one-page": { sideMarginMm: 15, bottomMarginMm: 16, leftSize: 9, rightSize: 10 },
} as const;

export type FooterPage = keyof typeof FOOTER_PAGES;

/** Space above the footer's first line (site.css: padding-top of the margin boxes). */
export const FOOTER_GAP_MM = 1.5;
/** The strip along the paper's edge that office printers leave blank (1/6 inch), which the footer keeps out of. */
export const UNPRINTABLE_MM = 4.2;

const MM = 72 / 25.4;
/** Measured widths are of the font without kerning; keep a little room for rounding in the browser. */
const WIDTH_SLACK = 1.03;
const ELLIPSIS = "…";
const NBSP = "\u00a0";

export interface FooterText {
  title: string;
  /** "Last reviewed" */
  reviewedLabel: string;
  /** "November 28, 2026": kept on one line. */
  reviewedDate: string;
  /** "Phone" */
  phoneLabel: string;
  phone: string;
  paper: Paper;
  page: FooterPage;
  /** The handout's language: its typefaces set the footer. */
  lang: string;
}

export interface FooterLines {
  left: string[];
  right: string[];
}

/** The lines of the footer's left box (title, then review date) and right box (the phone). */
export function footerLines(text: FooterText): FooterLines {
  const page = FOOTER_PAGES[text.page];
  const between = PAPER_POINTS[text.paper].width - 2 * page.sideMarginMm * MM;
  const maxLines = footerMaxLines(text.page);
  const left = { width: between * FOOTER_SHARES.left, size: page.leftSize, weight: 400 as const };
  const right = { width: between * FOOTER_SHARES.right, size: page.rightSize, weight: 700 as const };
  const fits = (box: Box) => (line: string) => textWidthEm(line, box.weight, text.lang) * box.size * WIDTH_SLACK <= box.width;
  const reviewed = wrap(`${text.reviewedLabel} ${text.reviewedDate.replace(/ /g, NBSP)}`, fits(left), maxLines - 1);
  const title = wrap(text.title, fits(left), Math.max(1, maxLines - reviewed.length), true);
  return { left: [...title, ...reviewed], right: phoneLines(text.phoneLabel, text.phone, fits(right), maxLines) };
}

interface Box {
  width: number;
  size: number;
  weight: Weight;
}

/** How many lines of the larger footer text fit between the page's text and the unprintable strip. */
export function footerMaxLines(kind: FooterPage): number {
  const page = FOOTER_PAGES[kind];
  const room = (page.bottomMarginMm - FOOTER_GAP_MM - UNPRINTABLE_MM) * MM;
  // A line's glyphs reach a little past its line box (Atkinson Hyperlegible: 0.95 up, 0.29 down).
  return Math.max(1, Math.floor((room - 0.04 * page.rightSize) / (FOOTER_LINE_HEIGHT * Math.max(page.leftSize, page.rightSize))));
}

/**
 * `text` in lines that each fit, broken at spaces (inside a word only when the word alone is too wide, as for
 * Chinese). With `shorten`, at most `maxLines`, the last ending in "…" when the text does not fit; without it,
 * as many lines as it takes.
 */
export function wrap(text: string, fits: (line: string) => boolean, maxLines: number, shorten = false): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.trim().split(/[ \t\n]+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
    } else if (fits(word)) {
      lines.push(line);
      line = word;
    } else {
      // A word wider than a line (a script without spaces, a long number) is broken where it must, from where the line is.
      let rest = [...(line ? ` ${word}` : word)];
      while (rest.length > 0) {
        let take = rest.length;
        while (take > 1 && !fits(line + rest.slice(0, take).join(""))) take--;
        if (!fits(line + rest.slice(0, take).join("")) && line) {
          lines.push(line);
          line = "";
          rest = rest[0] === " " ? rest.slice(1) : rest;
          continue;
        }
        line += rest.slice(0, take).join("");
        rest = rest.slice(take);
        if (rest.length > 0) {
          lines.push(line);
          line = "";
        }
      }
    }
  }
  if (line) lines.push(line);
  if (!shorten || lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = `${kept.pop() as string} ${lines[maxLines] as string}`;
  // Take words off the end (characters, for a script without spaces) until the last line and its "…" fit.
  while (last && !fits(`${last}${ELLIPSIS}`)) last = last.includes(" ") ? last.replace(/\s+\S*$/, "") : [...last].slice(0, -1).join("");
  return [...kept, `${last.replace(/[\s,;:.–—-]+$/, "")}${ELLIPSIS}`];
}

/**
 * The phone box: "Phone (555) 010-2000" on one line when it fits; else the label, then the number; else the
 * number broken before its extension; else at its spaces. Never shortened: every digit is printed.
 */
export function phoneLines(label: string, phone: string, fits: (line: string) => boolean, maxLines: number): string[] {
  const number = phone.trim().replace(/\s+/g, " ");
  if (fits(`${label} ${number}`)) return [`${label} ${number}`];
  if (maxLines >= 2 && fits(number)) return [label, number];
  const extension = /^(.*?)\s+((?:ext\.?|extension|x)\s*\d.*)$/i.exec(number);
  if (extension) {
    const [, main = "", ext = ""] = extension;
    if (maxLines >= 3 && fits(main) && fits(ext)) return [label, main, ext];
    if (fits(`${label} ${main}`) && fits(ext)) return [`${label} ${main}`, ext];
  }
  const below = wrap(number, fits, Infinity);
  if (below.length + 1 <= maxLines) return [label, ...below];
  return wrap(`${label} ${number}`, fits, Infinity);
}
