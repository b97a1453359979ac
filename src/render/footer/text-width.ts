import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { inflateSync } from "node:zlib";

/**
 * Advance widths of the Atkinson Hyperlegible faces the handouts print in, read from the WOFF files of
 * @fontsource (the same design as the WOFF2 files the pages load), so that the running footer can be laid out
 * before printing. A character the faces lack (Chinese, Arabic: another font will draw it) counts as a full
 * em, wider than most glyphs of any script.
 */
export type Weight = 400 | 700;

const FALLBACK_EM = 1;
const cache = new Map<Weight, Map<number, number>>();

/** Width of `text` in ems of the face of that weight (no kerning: Chromium's kerning only narrows it). */
export function textWidthEm(text: string, weight: Weight): number {
  const widths = widthsOf(weight);
  let total = 0;
  for (const char of text) total += widths.get(char.codePointAt(0) as number) ?? FALLBACK_EM;
  return total;
}

function widthsOf(weight: Weight): Map<number, number> {
  let widths = cache.get(weight);
  if (!widths) {
    const require = createRequire(import.meta.url);
    const files = path.join(path.dirname(require.resolve("@fontsource/atkinson-hyperlegible/package.json")), "files");
    widths = new Map();
    // latin-ext first, latin last: where both have a character, the latin face's width stands.
    for (const subset of ["latin-ext", "latin"]) {
      for (const [codePoint, width] of readWoffWidths(
        readFileSync(path.join(files, `atkinson-hyperlegible-${subset}-${weight}-normal.woff`)),
      ))
        widths.set(codePoint, width);
    }
    cache.set(weight, widths);
  }
  return widths;
}

/** Code point → advance width in ems, from a WOFF 1.0 font's cmap, hhea, hmtx and head tables. */
export function readWoffWidths(woff: Uint8Array): Map<number, number> {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (view.getUint32(0) !== 0x774f4646) throw new Error("not a WOFF font");
  const tables = new Map<string, DataView>();
  const count = view.getUint16(12);
  for (let index = 0; index < count; index++) {
    const entry = 44 + index * 20;
    const tag = String.fromCharCode(...woff.subarray(entry, entry + 4));
    const offset = view.getUint32(entry + 4);
    const compressed = view.getUint32(entry + 8);
    const original = view.getUint32(entry + 12);
    const raw = woff.subarray(offset, offset + compressed);
    const bytes = compressed < original ? new Uint8Array(inflateSync(raw)) : raw;
    tables.set(tag, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
  const head = tables.get("head");
  const hhea = tables.get("hhea");
  const hmtx = tables.get("hmtx");
  const cmap = tables.get("cmap");
  if (!head || !hhea || !hmtx || !cmap) throw new Error("a font without head, hhea, hmtx or cmap");
  const unitsPerEm = head.getUint16(18);
  const metrics = hhea.getUint16(34);
  const advance = (glyph: number) => hmtx.getUint16(4 * Math.min(glyph, metrics - 1)) / unitsPerEm;
  const widths = new Map<number, number>();
  for (const [codePoint, glyph] of unicodeGlyphs(cmap)) if (glyph !== 0) widths.set(codePoint, advance(glyph));
  return widths;
}

/** Code point → glyph from the cmap's Unicode subtable: format 12 when there is one, else format 4. */
function unicodeGlyphs(cmap: DataView): Map<number, number> {
  const found = new Map<number, number>();
  const subtables = cmap.getUint16(2);
  const offsets: { format: number; offset: number }[] = [];
  for (let index = 0; index < subtables; index++) {
    const platform = cmap.getUint16(4 + index * 8);
    const encoding = cmap.getUint16(6 + index * 8);
    const offset = cmap.getUint32(8 + index * 8);
    if (platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10))) offsets.push({ format: cmap.getUint16(offset), offset });
  }
  const twelve = offsets.find((table) => table.format === 12);
  const four = offsets.find((table) => table.format === 4);
  if (twelve) {
    const groups = cmap.getUint32(twelve.offset + 12);
    for (let group = 0; group < groups; group++) {
      const at = twelve.offset + 16 + group * 12;
      const [start, end, glyph] = [cmap.getUint32(at), cmap.getUint32(at + 4), cmap.getUint32(at + 8)];
      for (let code = start; code <= end; code++) found.set(code, glyph + code - start);
    }
  } else if (four) {
    const base = four.offset;
    const segments = cmap.getUint16(base + 6) / 2;
    const ends = base + 14;
    const starts = ends + segments * 2 + 2;
    const deltas = starts + segments * 2;
    const rangeOffsets = deltas + segments * 2;
    for (let segment = 0; segment < segments; segment++) {
      const end = cmap.getUint16(ends + segment * 2);
      const start = cmap.getUint16(starts + segment * 2);
      const delta = cmap.getInt16(deltas + segment * 2);
      const rangeOffset = cmap.getUint16(rangeOffsets + segment * 2);
      for (let code = start; code <= end && code !== 0xffff; code++) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (code + delta) & 0xffff;
        else {
          const at = rangeOffsets + segment * 2 + rangeOffset + (code - start) * 2;
          glyph = cmap.getUint16(at);
          if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
        }
        found.set(code, glyph);
      }
    }
  }
  return found;
}
