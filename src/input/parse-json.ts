import { createScanner, ParseErrorCode, printParseErrorCode, SyntaxKind, visit, type JSONPath, type ParseOptions } from "jsonc-parser";
import { fieldPath } from "./explain-issues.ts";

/** Deeper than any data file of this tool needs (a clinic file is 3 deep), shallow enough for any recursion later. */
export const MAX_JSON_DEPTH = 32;

/** A problem in a JSON text: the field it is in ("" for the file as a whole) and what is wrong. */
export interface JsonProblem {
  field: string;
  message: string;
}

// Comments are allowed (the scaffold of `handouts new` explains each field in them), as in tsconfig.json.
const OPTIONS: ParseOptions = { allowTrailingComma: false, disallowComments: false, allowEmptyContent: false };

/**
 * Parse JSON (comments allowed) into plain values whose objects have no prototype, so a key such as
 * `__proto__` is only ever data. A field given twice, nesting deeper than MAX_JSON_DEPTH and syntax
 * errors are problems, each with its line. Never throws and never recurses deeper than the limit.
 */
export function parseJson(text: string): { value: unknown } | { problems: JsonProblem[] } {
  const deep = lineNestedTooDeep(text);
  if (deep !== undefined) {
    return {
      problems: [
        { field: "", message: `values are nested more than ${MAX_JSON_DEPTH} levels deep at line ${deep}; a data file needs only a few` },
      ],
    };
  }
  const problems: JsonProblem[] = [];
  let syntaxError: { error: ParseErrorCode; offset: number } | undefined;
  const builder = new ValueBuilder(problems);
  visit(
    text,
    {
      onObjectBegin: () => builder.open(Object.create(null) as Record<string, unknown>),
      onArrayBegin: () => builder.open([]),
      onObjectEnd: () => builder.close(),
      onArrayEnd: () => builder.close(),
      onObjectProperty: (name, _offset, _length, line, _column, pathSupplier) => builder.key(name, line + 1, pathSupplier()),
      onLiteralValue: (value: unknown) => builder.add(value),
      onError: (error, offset) => {
        syntaxError ??= { error, offset };
      },
    },
    OPTIONS,
  );
  if (syntaxError) return { problems: [{ field: "", message: describeSyntaxError(text, syntaxError) }] };
  return problems.length > 0 ? { problems } : { value: builder.root };
}

/** Assembles the value as the parser walks it; notes every field that is given twice. */
class ValueBuilder {
  root: unknown;
  readonly #open: (Record<string, unknown> | unknown[])[] = [];
  /** Line of each key of each open object, to say where a repeated field was first given. */
  readonly #keyLines = new WeakMap<object, Map<string, number>>();
  #key: { name: string; line: number; path: JSONPath } | undefined;
  readonly #problems: JsonProblem[];

  constructor(problems: JsonProblem[]) {
    this.#problems = problems;
  }

  open(container: Record<string, unknown> | unknown[]): void {
    this.add(container);
    this.#open.push(container);
  }

  close(): void {
    this.#open.pop();
  }

  key(name: string, line: number, path: JSONPath): void {
    this.#key = { name, line, path };
  }

  add(value: unknown): void {
    const parent = this.#open.at(-1);
    if (parent === undefined) this.root = value;
    else if (Array.isArray(parent)) parent.push(value);
    else if (this.#key) this.#set(parent, this.#key, value);
  }

  #set(object: Record<string, unknown>, { name, line, path }: { name: string; line: number; path: JSONPath }, value: unknown): void {
    const lines = this.#keyLines.get(object) ?? new Map<string, number>();
    this.#keyLines.set(object, lines);
    const first = lines.get(name);
    if (first !== undefined) {
      this.#problems.push({ field: fieldPath([...path, name]), message: `is given twice (lines ${first} and ${line}); keep one` });
      return;
    }
    lines.set(name, line);
    // Defined, not assigned: no key, not even "__proto__", may reach a setter.
    Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
  }
}

/** The line where brackets first nest deeper than the limit, found with the scanner alone (no recursion). */
function lineNestedTooDeep(text: string): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) depth++;
    else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) depth--;
    if (depth > MAX_JSON_DEPTH) return scanner.getTokenStartLine() + 1;
  }
  return undefined;
}

const SYNTAX_MESSAGES: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.PropertyNameExpected]: "expected a field name in double quotes (is there a comma too many before it?)",
  [ParseErrorCode.ValueExpected]: "expected a value (is there a comma too many before it?)",
  [ParseErrorCode.CommaExpected]: "expected a comma between two entries",
  [ParseErrorCode.ColonExpected]: "expected a colon (:) after the field name",
  [ParseErrorCode.CloseBraceExpected]: "expected } to close an object",
  [ParseErrorCode.CloseBracketExpected]: "expected ] to close a list",
  [ParseErrorCode.EndOfFileExpected]: "expected the end of the file",
  [ParseErrorCode.UnexpectedEndOfString]: 'a text value is not closed with "',
  [ParseErrorCode.UnexpectedEndOfComment]: "a comment is not closed with */",
  [ParseErrorCode.InvalidCharacter]: "a text value holds a line break or control character (write \\n for a new line)",
  [ParseErrorCode.InvalidSymbol]: "unexpected character (text must be in double quotes)",
};

/** Where and what a JSON syntax error is, as "invalid JSON at line 3, column 5: …". */
function describeSyntaxError(text: string, { error, offset }: { error: ParseErrorCode; offset: number }): string {
  const before = text.slice(0, offset).split("\n");
  const reason = SYNTAX_MESSAGES[error] ?? printParseErrorCode(error);
  return `invalid JSON at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}: ${reason}`;
}
