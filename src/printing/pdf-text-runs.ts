import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, StandardFontEmbedder, StandardFonts, type PDFDocument } from "pdf-lib";
import { parseOperations, stringBytes, type Operand } from "./pdf-ua/content-stream.ts";
import { decodeStream, pageContent } from "./pdf-ua/decode.ts";
import { IDENTITY, multiply, type Matrix } from "./pdf-ua/matrix.ts";
import { parseToUnicode } from "./pdf-ua/to-unicode.ts";

/** A run of text as printed: its characters, where its baseline starts and how far it reaches along it. */
export interface TextRun {
  text: string;
  /** Text space to page space at the run's start, font size and rise included (the text rendering matrix). */
  transform: Matrix;
  /** Length along the baseline, in page units. */
  width: number;
  /** The font's ascent and descent, in ems (from its descriptor). */
  ascent: number;
  descent: number;
}

export interface PageText {
  /** The page's visible box: left, bottom, right, top. */
  view: [number, number, number, number];
  runs: TextRun[];
}

/** A font as far as placing its glyphs needs: how codes are read, their advance, their characters. */
interface FontMetrics {
  bytesPerCode: 1 | 2;
  /** Advance of a code, in text space units per unit of font size. */
  advance: (code: number) => number;
  unicode: (code: number) => string;
  ascent: number;
  descent: number;
}

/** Forms inside forms deeper than this are not read (a loop of forms drawing each other would never end). */
const MAX_FORM_DEPTH = 8;

/**
 * The text of every page of a PDF, as runs: the glyphs of one text object (BT…ET) in one font along one line.
 * Chromium (Skia) writes each run of shaped text as a text object and places every glyph with its own `Td`, so
 * a run is a word, a line or the part of a line in one font. Read straight from the content streams with the
 * widths the PDF gives (ISO 32000-1, 9.4): no font program is parsed, no glyph drawn.
 */
export function textOfPages(document: PDFDocument): PageText[] {
  return document.getPages().map((page) => {
    const { x, y, width, height } = page.getCropBox();
    const runs: TextRun[] = [];
    const resources = page.node.Resources();
    readText(pageContent(document, page).bytes, resources, { ctm: IDENTITY, text: INITIAL_STATE }, runs, 0);
    return { view: [x, y, x + width, y + height], runs };
  });
}

interface TextState {
  font?: FontMetrics;
  size: number;
  charSpacing: number;
  wordSpacing: number;
  scale: number;
  leading: number;
  rise: number;
}

const INITIAL_STATE: TextState = { size: 0, charSpacing: 0, wordSpacing: 0, scale: 1, leading: 0, rise: 0 };

/** The graphics state as far as text needs it. */
interface GraphicsState {
  ctm: Matrix;
  text: TextState;
}

/** Walk one content stream (a page's or a form's, which starts in the state it is drawn in), adding its runs of text. */
function readText(bytes: Uint8Array, resources: PDFDict | undefined, start: GraphicsState, runs: TextRun[], depth: number) {
  const fonts = new Map<string, FontMetrics | undefined>();
  const fontNamed = (name: string) => {
    if (!fonts.has(name))
      fonts.set(name, fontMetrics(resources?.lookupMaybe(PDFName.of("Font"), PDFDict)?.lookupMaybe(PDFName.of(name), PDFDict)));
    return fonts.get(name);
  };
  const saved: GraphicsState[] = [];
  let ctm = start.ctm;
  let state: TextState = { ...start.text };
  // The text position as a line matrix set by BT, Tm or a move to another line, plus how far along that line's
  // baseline (in its text space) the line start (lineX) and the next glyph (x) are: Chromium moves to each glyph
  // with its own Td along the line, and this way a glyph costs no matrix product.
  let base: Matrix = IDENTITY;
  let lineX = 0;
  let x = 0;
  let run: RunBuilder | undefined;
  let runX = 0;
  const endRun = () => {
    if (run) runs.push(run.finish());
    run = undefined;
  };
  const setLine = (matrix: Matrix) => {
    endRun();
    base = matrix;
    lineX = x = 0;
  };
  const moveLine = (tx: number, ty: number) => {
    if (ty === 0) x = lineX += tx;
    else setLine(translate(base, lineX + tx, ty));
  };
  const show = (operand: Operand | undefined) => {
    const font = state.font;
    if (!font || state.size === 0) return;
    const items = typeof operand === "object" && operand?.kind === "array" ? operand.items : [operand];
    for (const item of items) {
      if (typeof item === "number") {
        x -= (item / 1000) * state.size * state.scale;
      } else if (typeof item === "object" && item?.kind === "string") {
        const codes = stringBytes(bytes, item);
        for (let at = 0; at + font.bytesPerCode <= codes.length; at += font.bytesPerCode) {
          const code = font.bytesPerCode === 2 ? ((codes[at] as number) << 8) | (codes[at + 1] as number) : (codes[at] as number);
          if (!run) {
            const toPage = multiply(translate(base, x, 0), ctm);
            const start = multiply([state.size * state.scale, 0, 0, state.size, 0, state.rise], toPage);
            run = new RunBuilder(start, Math.hypot(toPage[0], toPage[1]), font);
            runX = x;
          }
          const width = font.advance(code) * state.size * state.scale;
          run.add(x - runX, width, font.unicode(code));
          const spacing = state.charSpacing + (font.bytesPerCode === 1 && code === 32 ? state.wordSpacing : 0);
          x += width + spacing * state.scale;
        }
      }
    }
  };
  for (const operation of parseOperations(bytes)) {
    const numbers = operation.operands.filter((operand): operand is number => typeof operand === "number");
    switch (operation.operator) {
      case "q":
        saved.push({ ctm, text: { ...state } });
        break;
      case "Q":
        ({ ctm, text: state } = saved.pop() ?? { ctm, text: state });
        break;
      case "cm":
        if (numbers.length === 6) ctm = multiply(numbers as Matrix, ctm);
        break;
      case "BT":
        setLine(IDENTITY);
        break;
      case "ET":
        endRun();
        break;
      case "Tf": {
        const name = operation.operands[0];
        state = {
          ...state,
          font: typeof name === "object" && name?.kind === "name" ? fontNamed(name.name) : undefined,
          size: numbers[0] ?? 0,
        };
        endRun();
        break;
      }
      case "Tc":
        state.charSpacing = numbers[0] ?? 0;
        break;
      case "Tw":
        state.wordSpacing = numbers[0] ?? 0;
        break;
      case "Tz":
        state.scale = (numbers[0] ?? 100) / 100;
        break;
      case "TL":
        state.leading = numbers[0] ?? 0;
        break;
      case "Ts":
        state.rise = numbers[0] ?? 0;
        break;
      case "Td":
        moveLine(numbers[0] ?? 0, numbers[1] ?? 0);
        break;
      case "TD":
        state.leading = -(numbers[1] ?? 0);
        moveLine(numbers[0] ?? 0, numbers[1] ?? 0);
        break;
      case "T*":
        moveLine(0, -state.leading);
        break;
      case "Tm":
        if (numbers.length === 6) setLine(numbers as Matrix);
        break;
      case "Tj":
      case "TJ":
        show(operation.operands[0]);
        break;
      case "'":
        moveLine(0, -state.leading);
        show(operation.operands[0]);
        break;
      case '"':
        state.wordSpacing = numbers[0] ?? 0;
        state.charSpacing = numbers[1] ?? 0;
        moveLine(0, -state.leading);
        show(operation.operands[2]);
        break;
      case "Do":
        endRun();
        if (depth < MAX_FORM_DEPTH) readForm(operation.operands[0], resources, { ctm, text: state }, runs, depth);
    }
  }
  endRun();
}

/** The text a form XObject draws, through its own matrix and resources. */
function readForm(operand: Operand | undefined, resources: PDFDict | undefined, drawn: GraphicsState, runs: TextRun[], depth: number) {
  if (typeof operand !== "object" || operand?.kind !== "name") return;
  const form = resources?.lookupMaybe(PDFName.of("XObject"), PDFDict)?.lookup(PDFName.of(operand.name));
  if (!(form instanceof PDFRawStream) || form.dict.get(PDFName.of("Subtype")) !== PDFName.of("Form")) return;
  const matrix = numbersIn(form.dict.lookupMaybe(PDFName.of("Matrix"), PDFArray));
  const own = form.dict.lookupMaybe(PDFName.of("Resources"), PDFDict) ?? resources;
  const ctm = multiply(matrix.length === 6 ? (matrix as Matrix) : IDENTITY, drawn.ctm);
  readText(decodeStream(form), own, { ctm, text: drawn.text }, runs, depth + 1);
}

/**
 * The glyphs of a run. The run spans them from the one reaching furthest back to the one reaching furthest
 * forward along the baseline, so right-to-left text and marks placed back over a letter stay inside it.
 */
class RunBuilder {
  readonly #start: Matrix;
  readonly #font: FontMetrics;
  /** The baseline's direction in page space, and page units per unit of text space along it. */
  readonly #ux: number;
  readonly #uy: number;
  readonly #scale: number;
  #text = "";
  #from = 0;
  #to = 0;

  /**
   * A run whose first glyph is drawn with the text rendering matrix `start` (font size and rise included),
   * where a unit of text space along the baseline is `scale` page units long.
   */
  constructor(start: Matrix, scale: number, font: FontMetrics) {
    this.#start = start;
    this.#scale = scale;
    this.#font = font;
    const length = Math.hypot(start[0], start[1]) || 1;
    [this.#ux, this.#uy] = [start[0] / length, start[1] / length];
  }

  /** A glyph `offset` along the baseline from the run's first, `width` long (both in text space). */
  add(offset: number, width: number, text: string): void {
    const along = offset * this.#scale;
    this.#text += text;
    this.#from = Math.min(this.#from, along, along + width * this.#scale);
    this.#to = Math.max(this.#to, along, along + width * this.#scale);
  }

  finish(): TextRun {
    const [a, b, c, d, e, f] = this.#start;
    return {
      text: this.#text,
      transform: [a, b, c, d, e + this.#from * this.#ux, f + this.#from * this.#uy],
      width: this.#to - this.#from,
      ascent: this.#font.ascent,
      descent: this.#font.descent,
    };
  }
}

/** The matrix moved by (tx, ty) in its own space: [1 0 0 1 tx ty] × m. */
const translate = ([a, b, c, d, e, f]: Matrix, tx: number, ty: number): Matrix => [a, b, c, d, tx * a + ty * c + e, tx * b + ty * d + f];

/** How a font resource places its glyphs: composite fonts (Chromium's) by their CID widths, simple fonts by their widths. */
function fontMetrics(font: PDFDict | undefined): FontMetrics | undefined {
  if (!font) return undefined;
  const subtype = font.get(PDFName.of("Subtype"));
  const composite = subtype === PDFName.of("Type0");
  const descendant = composite ? font.lookupMaybe(PDFName.of("DescendantFonts"), PDFArray)?.lookup(0, PDFDict) : undefined;
  const descriptor = (descendant ?? font).lookupMaybe(PDFName.of("FontDescriptor"), PDFDict);
  // Type 3 glyphs are in glyph space, scaled to text space by the font's matrix; every other font's are in thousandths.
  const fontMatrix = subtype === PDFName.of("Type3") ? numbersIn(font.lookupMaybe(PDFName.of("FontMatrix"), PDFArray)) : [];
  const unit = fontMatrix.length === 6 ? (fontMatrix[0] as number) : 0.001;
  const vertical = fontMatrix.length === 6 ? Math.abs(fontMatrix[3] as number) : 0.001;
  const ascent = numberOf(descriptor?.lookup(PDFName.of("Ascent")));
  const descent = numberOf(descriptor?.lookup(PDFName.of("Descent")));
  const toUnicode = font.lookup(PDFName.of("ToUnicode"));
  const unicodeMap =
    toUnicode instanceof PDFRawStream ? parseToUnicode(new TextDecoder("latin1").decode(decodeStream(toUnicode))).map : undefined;
  const bytesPerCode = composite ? 2 : 1;
  const widths = composite ? cidWidths(descendant) : simpleWidths(font, descriptor);
  const texts = new Map<number, string>();
  const unicode = (code: number) =>
    characters(
      unicodeMap?.get(
        code
          .toString(16)
          .toUpperCase()
          .padStart(2 * bytesPerCode, "0"),
      ),
      code,
      composite,
    );
  return {
    bytesPerCode,
    advance: (code) => (widths(code) ?? 0) * unit,
    unicode: (code) => texts.get(code) ?? texts.set(code, unicode(code)).get(code) ?? "",
    ascent: ascent === undefined ? 0.95 : ascent * vertical,
    descent: descent === undefined ? -0.3 : descent * vertical,
  };
}

/** A code's characters from the ToUnicode map, without those that stand for no character (U+0000, U+2060). */
function characters(units: number[] | undefined, code: number, composite: boolean): string {
  if (!units) return composite ? "" : String.fromCharCode(code);
  return String.fromCharCode(...units.filter((unit) => unit !== 0 && unit !== 0x2060));
}

/** A composite font's widths by CID (Identity encoding: the code is the CID): its `W` array, else `DW`. */
function cidWidths(descendant: PDFDict | undefined): (code: number) => number | undefined {
  const byCid = new Map<number, number>();
  const list = descendant?.lookupMaybe(PDFName.of("W"), PDFArray);
  const items = list ? list.asArray().map((_item, index) => list.lookup(index)) : [];
  for (let at = 0; at < items.length;) {
    const first = numberOf(items[at]) ?? 0;
    const next = items[at + 1];
    if (next instanceof PDFArray) {
      numbersIn(next).forEach((width, offset) => byCid.set(first + offset, width));
      at += 2;
    } else {
      const last = numberOf(next) ?? first;
      const width = numberOf(items[at + 2]) ?? 0;
      for (let cid = first; cid <= last; cid++) byCid.set(cid, width);
      at += 3;
    }
  }
  const fallback = numberOf(descendant?.lookup(PDFName.of("DW"))) ?? 1000;
  return (code) => byCid.get(code) ?? fallback;
}

/** A simple font's widths: `Widths` from `FirstChar`, else `MissingWidth`; a standard font without widths, by its built-in metrics. */
function simpleWidths(font: PDFDict, descriptor: PDFDict | undefined): (code: number) => number | undefined {
  const widths = numbersIn(font.lookupMaybe(PDFName.of("Widths"), PDFArray));
  const firstChar = numberOf(font.lookup(PDFName.of("FirstChar"))) ?? 0;
  const missing = numberOf(descriptor?.lookup(PDFName.of("MissingWidth"))) ?? 0;
  if (widths.length > 0) return (code) => widths[code - firstChar] ?? missing;
  const baseFont = font.lookupMaybe(PDFName.of("BaseFont"), PDFName)?.decodeText();
  const standard = Object.values(StandardFonts).find((name) => name === baseFont);
  if (!standard) return () => missing;
  const embedder = StandardFontEmbedder.for(standard as unknown as Parameters<typeof StandardFontEmbedder.for>[0]);
  return (code) => embedder.widthOfTextAtSize(String.fromCharCode(code), 1000);
}

function numberOf(object: unknown): number | undefined {
  return object instanceof PDFNumber ? object.asNumber() : undefined;
}

function numbersIn(array: PDFArray | undefined): number[] {
  return array ? array.asArray().map((_item, index) => numberOf(array.lookup(index)) ?? 0) : [];
}
