import { isUtf8 } from "node:buffer";

/**
 * The text of a data file, which must be UTF-8. Anything else is refused with what it looks like,
 * rather than read with replacement characters ("Cl�nica") that would reach the printed page.
 */
export function decodeUtf8(bytes: Buffer): { text: string } | { problem: string } {
  if (looksLikeUtf16(bytes))
    return { problem: "the file is saved as UTF-16; save it as UTF-8 (in most editors: Save with encoding → UTF-8)" };
  if (!isUtf8(bytes)) {
    return { problem: `the file is not valid UTF-8 at line ${firstBadLine(bytes)} (saved as Latin-1 or Windows-1252?); save it as UTF-8` };
  }
  // Editors on Windows often save a byte-order mark; it is not an error.
  return { text: bytes.toString("utf8").replace(/^\uFEFF/, "") };
}

/** A UTF-16 byte-order mark, or the zero byte UTF-16 puts beside the ASCII character a JSON file starts with. */
function looksLikeUtf16(bytes: Buffer): boolean {
  const [first, second] = [bytes[0], bytes[1]];
  if ((first === 0xff && second === 0xfe) || (first === 0xfe && second === 0xff)) return true;
  const ascii = (byte: number | undefined) => byte !== undefined && byte > 0 && byte < 0x80;
  return (first === 0 && ascii(second)) || (ascii(first) && second === 0);
}

/** The 1-based line of the first byte that is not UTF-8. A line feed byte never occurs inside a UTF-8 character, so lines can be checked one at a time. */
function firstBadLine(bytes: Buffer): number {
  let line = 1;
  for (let start = 0; start <= bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end === -1 ? bytes.length : end;
    if (!isUtf8(bytes.subarray(start, stop))) return line;
    start = stop + 1;
  }
  return line;
}
