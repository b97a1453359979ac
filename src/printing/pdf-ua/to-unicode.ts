import { PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument } from "pdf-lib";
import { decodeStream } from "./decode.ts";

/**
 * What a glyph that stands for no character of its own is mapped to: U+2060 WORD JOINER.
 *
 * Skia maps a glyph to U+0000 when the font's cmap leads to no character for it: glyphs that only shaping
 * produces, such as Noto Sans Arabic's dotless letter bodies and the dots and marks drawn as separate glyphs
 * (`uni066E.medi.wide`, `twodotshorizontalbelowar`), ligatures and stacked marks. PDF/UA-1 (7.21.7-2) forbids
 * U+0000, U+FEFF and U+FFFE there. Such a glyph is a piece of a letter whose text Chromium already gives
 * (ActualText on the span around it), and a piece like the two dots below belongs to several letters, so the
 * font cannot tell which character it is part of: mapping it to a letter would repeat or invent letters in
 * copied text and in what a screen reader reads. So it maps to an invisible, default-ignorable character.
 * Word joiner rather than zero-width joiner: U+200D forces Arabic letters next to it into joined forms and
 * builds emoji sequences when the text is pasted elsewhere, while U+2060 is transparent to joining, adds no
 * line break (as U+200B would) and nothing a reader speaks.
 */
export const INVISIBLE = 0x2060;

const FORBIDDEN = new Set([0x0000, 0xfeff, 0xfffe]);
const name = (value: string) => PDFName.of(value);

/** A ToUnicode CMap as read: its codespace ranges (as written) and each code, in hex, to its UTF-16 code units. */
interface ToUnicode {
  codespace: string[];
  map: Map<string, number[]>;
}

/**
 * Rewrite every ToUnicode CMap that maps a glyph to U+0000, U+FEFF or U+FFFE so that it maps to
 * INVISIBLE instead (or keeps only its other characters). CMaps without such entries are left as they were.
 * Returns how many entries changed.
 */
export function mendToUnicode(document: PDFDocument): number {
  const seen = new Set<string>();
  let mended = 0;
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    const ref = object instanceof PDFDict ? object.get(name("ToUnicode")) : undefined;
    if (!(ref instanceof PDFRef) || seen.has(ref.toString())) continue;
    seen.add(ref.toString());
    const stream = document.context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) continue;
    const cmap = parseToUnicode(new TextDecoder("latin1").decode(decodeStream(stream)));
    const changed = mendEntries(cmap.map);
    if (changed === 0) continue;
    document.context.assign(ref, document.context.flateStream(new TextEncoder().encode(writeToUnicode(cmap))));
    mended += changed;
  }
  return mended;
}

/** Replace the forbidden characters in each entry; an entry left with none maps to INVISIBLE. */
function mendEntries(map: Map<string, number[]>): number {
  let changed = 0;
  for (const [code, units] of map) {
    if (!units.some((unit) => FORBIDDEN.has(unit))) continue;
    const kept = units.filter((unit) => !FORBIDDEN.has(unit));
    map.set(code, kept.length > 0 ? kept : [INVISIBLE]);
    changed++;
  }
  return changed;
}

/** Read the codespace and the bfchar and bfrange entries of a ToUnicode CMap (both forms of bfrange). */
export function parseToUnicode(text: string): ToUnicode {
  const codespace = [...text.matchAll(/begincodespacerange([\s\S]*?)endcodespacerange/g)].flatMap((block) =>
    [...(block[1] ?? "").matchAll(/<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>/g)].map((range) => range[0]),
  );
  const map = new Map<string, number[]>();
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const entry of (block[1] ?? "").matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g))
      map.set((entry[1] as string).toUpperCase(), units(entry[2] as string));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const entry of (block[1] ?? "").matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])/g))
      addRange(map, entry[1] as string, entry[2] as string, entry[3] as string);
  }
  return { codespace: codespace.length > 0 ? codespace : ["<0000> <FFFF>"], map };
}

/** One bfrange line: codes lo…hi to consecutive values (the last code unit counting up) or to a list of them. */
function addRange(map: Map<string, number[]>, lo: string, hi: string, target: string): void {
  const first = parseInt(lo, 16);
  const last = parseInt(hi, 16);
  const list = target.startsWith("[") ? [...target.matchAll(/<([0-9A-Fa-f]*)>/g)].map((match) => units(match[1] as string)) : undefined;
  const start = list ? [] : units(target.slice(1, -1));
  for (let code = first; code <= last; code++) {
    const offset = code - first;
    const value = list ? list[offset] : [...start.slice(0, -1), (start.at(-1) ?? 0) + offset];
    if (value) map.set(code.toString(16).toUpperCase().padStart(lo.length, "0"), value);
  }
}

/** UTF-16BE code units of a hex string. */
function units(hex: string): number[] {
  const found: number[] = [];
  for (let at = 0; at + 4 <= hex.length; at += 4) found.push(parseInt(hex.slice(at, at + 4), 16));
  return found;
}

/** The CMap written back, every entry as a bfchar, in code order (so the same map gives the same bytes). */
export function writeToUnicode({ codespace, map }: ToUnicode): string {
  const lines = [...map.entries()]
    .sort(([a], [b]) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, value]) => `<${code}> <${value.map((unit) => unit.toString(16).toUpperCase().padStart(4, "0")).join("")}>`);
  const blocks: string[] = [];
  // A bfchar block holds at most 100 entries.
  for (let at = 0; at < lines.length; at += 100) {
    const block = lines.slice(at, at + 100);
    blocks.push(`${block.length} beginbfchar\n${block.join("\n")}\nendbfchar`);
  }
  return [
    "/CIDInit /ProcSet findresource begin",
    "12 dict begin",
    "begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def",
    "/CMapType 2 def",
    `${codespace.length} begincodespacerange\n${codespace.join("\n")}\nendcodespacerange`,
    ...blocks,
    "endcmap",
    "CMapName currentdict /CMap defineresource pop",
    "end",
    "end",
    "",
  ].join("\n");
}
