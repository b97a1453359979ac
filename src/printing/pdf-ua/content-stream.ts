/**
 * A reader of PDF content streams (ISO 32000-1, 7.8.2): the operations in order, each with its operands and
 * where it lies in the bytes, so that a caller can insert operators between operations and leave every other
 * byte as it was (no number is re-printed, nothing is re-encoded).
 */

/** A PDF object as an operand: numbers as numbers, the rest as tagged values. */
export type Operand =
  | number
  | boolean
  | null
  | { kind: "name"; name: string }
  /** A string: where it is, delimiters included; `stringBytes` reads its bytes. */
  | { kind: "string"; start: number; end: number }
  | { kind: "array"; items: Operand[] }
  | { kind: "dict"; entries: Map<string, Operand> };

export interface Operation {
  operator: string;
  operands: Operand[];
  /** Offset of the operation's first byte (its first operand, or the operator). */
  start: number;
  /** Offset just past the operator (for BI…ID…EI, past EI). */
  end: number;
}

export class ContentStreamError extends Error {
  override name = "ContentStreamError";
}

const WHITESPACE = new Uint8Array(256);
for (const byte of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITESPACE[byte] = 1;
const DELIMITER = new Uint8Array(256);
for (const char of "()<>[]{}/%") DELIMITER[char.charCodeAt(0)] = 1;

const HEX_DIGIT = new Uint8Array(256);
for (const char of "0123456789abcdefABCDEF") HEX_DIGIT[char.charCodeAt(0)] = 1;

const isRegular = (byte: number | undefined) => byte !== undefined && !WHITESPACE[byte] && !DELIMITER[byte];

/** Operations of a decoded content stream, in order. Throws ContentStreamError on bytes that are not one. */
export function parseOperations(bytes: Uint8Array): Operation[] {
  const lexer = new Lexer(bytes);
  const operations: Operation[] = [];
  let operands: Operand[] = [];
  let start = -1;
  for (;;) {
    lexer.skipSpace();
    if (lexer.done) break;
    const at = lexer.position;
    if (start < 0) start = at;
    const token = lexer.object();
    if (token.kind === "operator") {
      if (token.operator === "BI") {
        operations.push({ operator: "BI", operands: [], start, end: lexer.inlineImageEnd() });
      } else {
        operations.push({ operator: token.operator, operands, start, end: lexer.position });
      }
      operands = [];
      start = -1;
    } else {
      operands.push(token.value);
    }
  }
  if (operands.length > 0) throw new ContentStreamError(`operands without an operator at the end of the stream`);
  return operations;
}

type Token = { kind: "operator"; operator: string } | { kind: "operand"; value: Operand };

class Lexer {
  readonly #bytes: Uint8Array;
  position = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  get done(): boolean {
    return this.position >= this.#bytes.length;
  }

  skipSpace(): void {
    const bytes = this.#bytes;
    while (this.position < bytes.length) {
      const byte = bytes[this.position] as number;
      if (WHITESPACE[byte]) this.position++;
      else if (byte === 0x25 /* % */) {
        while (this.position < bytes.length && bytes[this.position] !== 0x0a && bytes[this.position] !== 0x0d) this.position++;
      } else break;
    }
  }

  object(): Token {
    const bytes = this.#bytes;
    const byte = bytes[this.position] as number;
    switch (byte) {
      case 0x2f /* / */:
        return operand({ kind: "name", name: this.#name() });
      case 0x28 /* ( */: {
        const start = this.position;
        this.#skipLiteralString();
        return operand({ kind: "string", start, end: this.position });
      }
      case 0x3c /* < */: {
        if (bytes[this.position + 1] === 0x3c) return operand(this.#dict());
        const start = this.position;
        this.#skipHexString();
        return operand({ kind: "string", start, end: this.position });
      }
      case 0x5b /* [ */:
        return operand(this.#array());
      case 0x5d /* ] */:
      case 0x3e /* > */:
      case 0x29 /* ) */:
      case 0x7b /* { */:
      case 0x7d /* } */:
        throw new ContentStreamError(`unexpected "${String.fromCharCode(byte)}" at byte ${this.position}`);
    }
    if ((byte >= 0x30 && byte <= 0x39) || byte === 0x2b || byte === 0x2d || byte === 0x2e) {
      const number = this.#number();
      if (number !== undefined) return operand(number);
    }
    const word = this.#word();
    if (word === "true" || word === "false") return operand(word === "true");
    if (word === "null") return operand(null);
    return { kind: "operator", operator: word };
  }

  /** A number such as 12, -3.5, .25 (undefined, and nothing read, when the word is not one). */
  #number(): number | undefined {
    const bytes = this.#bytes;
    const start = this.position;
    let at = start;
    let sign = 1;
    if (bytes[at] === 0x2b || bytes[at] === 0x2d) sign = bytes[at++] === 0x2d ? -1 : 1;
    let value = 0;
    let digits = 0;
    while (at < bytes.length && (bytes[at] as number) >= 0x30 && (bytes[at] as number) <= 0x39) {
      value = value * 10 + ((bytes[at++] as number) - 0x30);
      digits++;
    }
    if (bytes[at] === 0x2e) {
      at++;
      let scale = 0.1;
      while (at < bytes.length && (bytes[at] as number) >= 0x30 && (bytes[at] as number) <= 0x39) {
        value += ((bytes[at++] as number) - 0x30) * scale;
        scale /= 10;
        digits++;
      }
    }
    if (digits === 0 || isRegular(bytes[at])) return undefined;
    this.position = at;
    return sign * value;
  }

  #value(): Operand {
    this.skipSpace();
    if (this.done) throw new ContentStreamError("the stream ends inside an array or dictionary");
    const token = this.object();
    if (token.kind === "operator") throw new ContentStreamError(`operator "${token.operator}" inside an array or dictionary`);
    return token.value;
  }

  #word(): string {
    const bytes = this.#bytes;
    const start = this.position;
    while (this.position < bytes.length && isRegular(bytes[this.position])) this.position++;
    if (this.position === start) throw new ContentStreamError(`unexpected byte ${bytes[start]} at ${start}`);
    return latin1(bytes.subarray(start, this.position));
  }

  #name(): string {
    this.position++; // "/"
    const bytes = this.#bytes;
    const start = this.position;
    while (this.position < bytes.length && isRegular(bytes[this.position])) this.position++;
    return latin1(bytes.subarray(start, this.position)).replace(/#([0-9a-fA-F]{2})/g, (_match, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
  }

  /** Past a literal string: balanced parentheses, backslash escapes. */
  #skipLiteralString(): void {
    const bytes = this.#bytes;
    let depth = 0;
    this.position++; // "("
    while (this.position < bytes.length) {
      const byte = bytes[this.position++] as number;
      if (byte === 0x5c /* \ */) this.position++;
      else if (byte === 0x28) depth++;
      else if (byte === 0x29) {
        if (depth === 0) return;
        depth--;
      }
    }
    throw new ContentStreamError("a string is not closed");
  }

  /** Past a hex string: hex digits and white space up to ">". */
  #skipHexString(): void {
    const bytes = this.#bytes;
    for (let at = this.position + 1; at < bytes.length; at++) {
      const byte = bytes[at] as number;
      if (byte === 0x3e) {
        this.position = at + 1;
        return;
      }
      if (!HEX_DIGIT[byte] && !WHITESPACE[byte]) throw new ContentStreamError(`not a hex digit in a string at byte ${at}`);
    }
    throw new ContentStreamError("a hex string is not closed");
  }

  #array(): Operand {
    this.position++; // "["
    const items: Operand[] = [];
    for (;;) {
      this.skipSpace();
      if (this.done) throw new ContentStreamError("an array is not closed");
      if (this.#bytes[this.position] === 0x5d) {
        this.position++;
        return { kind: "array", items };
      }
      items.push(this.#value());
    }
  }

  #dict(): Operand {
    this.position += 2; // "<<"
    const entries = new Map<string, Operand>();
    for (;;) {
      this.skipSpace();
      if (this.done) throw new ContentStreamError("a dictionary is not closed");
      if (this.#bytes[this.position] === 0x3e && this.#bytes[this.position + 1] === 0x3e) {
        this.position += 2;
        return { kind: "dict", entries };
      }
      const key = this.#value();
      if (typeof key !== "object" || key === null || key.kind !== "name")
        throw new ContentStreamError(`a dictionary key that is not a name at byte ${this.position}`);
      entries.set(key.name, this.#value());
    }
  }

  /**
   * Past an inline image: its dictionary up to ID, one white-space byte, then the data up to an EI that stands
   * alone (white space before it, white space or the end after it).
   */
  inlineImageEnd(): number {
    const bytes = this.#bytes;
    for (;;) {
      this.skipSpace();
      if (this.done) throw new ContentStreamError("an inline image has no ID");
      const token = this.object();
      if (token.kind === "operator" && token.operator === "ID") break;
    }
    this.position++; // the single white-space byte after ID
    for (let index = this.position; index + 1 < bytes.length; index++) {
      if (
        bytes[index] === 0x45 &&
        bytes[index + 1] === 0x49 &&
        WHITESPACE[bytes[index - 1] as number] &&
        (index + 2 >= bytes.length || !isRegular(bytes[index + 2]))
      ) {
        this.position = index + 2;
        return this.position;
      }
    }
    throw new ContentStreamError("an inline image has no EI");
  }
}

const operand = (value: Operand): Token => ({ kind: "operand", value });

function latin1(bytes: Uint8Array): string {
  return String.fromCharCode.apply(null, bytes as unknown as number[]);
}

/** The bytes with `text` put at each offset, in the order given for equal offsets. */
export function insertAt(bytes: Uint8Array, insertions: readonly { offset: number; text: string }[]): Uint8Array {
  if (insertions.length === 0) return bytes;
  const sorted = insertions.map((insertion, order) => ({ ...insertion, order })).sort((a, b) => a.offset - b.offset || a.order - b.order);
  const encoder = new TextEncoder();
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const { offset, text } of sorted) {
    pieces.push(bytes.subarray(from, offset), encoder.encode(text));
    from = offset;
  }
  pieces.push(bytes.subarray(from));
  const out = new Uint8Array(pieces.reduce((total, piece) => total + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

const ESCAPES: Readonly<Record<number, number>> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };

/** The bytes a string operand stands for: a hex string's digits, or a literal string with its escapes read. */
export function stringBytes(bytes: Uint8Array, { start, end }: { start: number; end: number }): Uint8Array {
  if (bytes[start] === 0x3c) {
    const out = new Uint8Array(Math.ceil((end - start - 2) / 2));
    let digits = 0;
    for (let at = start + 1; at < end - 1; at++) {
      const byte = bytes[at] as number;
      if (!HEX_DIGIT[byte]) continue;
      const value = byte <= 0x39 ? byte - 0x30 : (byte | 0x20) - 0x57;
      out[digits >> 1] = (out[digits >> 1] as number) | (digits % 2 === 0 ? value << 4 : value);
      digits++;
    }
    return out.subarray(0, Math.ceil(digits / 2));
  }
  const out: number[] = [];
  for (let at = start + 1; at < end - 1; at++) {
    const byte = bytes[at] as number;
    if (byte !== 0x5c) {
      out.push(byte);
      continue;
    }
    const next = bytes[++at] as number;
    if (next >= 0x30 && next <= 0x37) {
      // Up to three octal digits.
      let value = 0;
      let digits = 0;
      for (; digits < 3 && (bytes[at] as number) >= 0x30 && (bytes[at] as number) <= 0x37; digits++)
        value = value * 8 + (bytes[at++] as number) - 0x30;
      at--;
      out.push(value & 0xff);
    } else if (next === 0x0d) {
      if (bytes[at + 1] === 0x0a) at++; // a backslash before an end of line continues the string
    } else if (next !== 0x0a) {
      out.push(ESCAPES[next] ?? next);
    }
  }
  return Uint8Array.from(out);
}
