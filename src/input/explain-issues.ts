import { closest, distance } from "fastest-levenshtein";
import { z } from "zod";
import type { InputProblem } from "../errors.ts";

/** `brand.primary`, `handouts[2]`: the way the field looks in the JSON file. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((key, index) => (typeof key === "number" ? `[${key}]` : `${index === 0 ? "" : "."}${String(key)}`)).join("");
}

const TYPE_NAMES: Record<string, string> = {
  string: "text",
  number: "a number",
  boolean: "true or false",
  array: "a list [ … ]",
  object: "an object { … }",
};

function describeValue(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  if (typeof input === "object") return "an object";
  return `${typeof input === "string" ? "the text" : typeof input} ${JSON.stringify(input)}`;
}

/** Plain-language messages for the checks that have no message of their own in the schema. */
const plainLanguage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required but missing";
      return `should be ${TYPE_NAMES[issue.expected] ?? issue.expected}, not ${describeValue(issue.input)}`;
    case "too_small":
      return issue.origin === "array" ? `needs at least ${issue.minimum} item(s)` : "is too short";
    case "too_big":
      return issue.origin === "array"
        ? `has too many items (at most ${issue.maximum})`
        : `is too long (at most ${issue.maximum} characters)`;
    case "invalid_value":
      return `must be one of: ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
    default:
      return undefined;
  }
};
z.config({ customError: plainLanguage });

/** Field names the schema allows at `path`, for "did you mean" hints. */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: z.ZodType | undefined = schema;
  for (const key of [...path, null]) {
    node = unwrap(node);
    if (node instanceof z.ZodObject) {
      if (key === null) return Object.keys(node.shape);
      node = node.shape[String(key)] as z.ZodType | undefined;
    } else if (node instanceof z.ZodArray && typeof key === "number") {
      node = node.element as z.ZodType;
    } else {
      return [];
    }
  }
  return [];
}

function unwrap(node: z.ZodType | undefined): z.ZodType | undefined {
  while (node instanceof z.ZodOptional || node instanceof z.ZodDefault || node instanceof z.ZodUnion) {
    if (node instanceof z.ZodUnion) {
      node = (node.options as z.ZodType[]).find((option) => option instanceof z.ZodObject);
    } else {
      node = node.unwrap() as z.ZodType;
    }
  }
  return node;
}

/** Turn zod's issues into one plain message per field, following unions into the branch that fits the value. */
export function explainIssues(
  file: string,
  schema: z.ZodType,
  issues: readonly z.core.$ZodIssue[],
  prefix: PropertyKey[] = [],
): InputProblem[] {
  return issues.flatMap((issue): InputProblem[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "unrecognized_keys") {
      const known = knownKeysAt(schema, path);
      return issue.keys.map((key) => {
        const guess = known.length > 0 ? closest(key, known) : undefined;
        const hint = guess && similar(key, guess) ? `; did you mean "${guess}"?` : `; known fields: ${known.join(", ")}`;
        return { file, field: fieldPath([...path, key]), message: `unknown field${hint}` };
      });
    }
    if (issue.code === "invalid_union") {
      const branch = issue.errors.find((errors) => errors.every((error) => error.code !== "invalid_type" || error.path.length > 0));
      if (branch) return explainIssues(file, schema, branch, path);
      return [{ file, field: fieldPath(path), message: "should be text, or an object with one text per language code" }];
    }
    return [{ file, field: fieldPath(path), message: issue.message }];
  });
}

/** Close enough to be a typo: a few letters off, or only the case differs. */
function similar(typed: string, known: string): boolean {
  return distance(typed.toLowerCase(), known.toLowerCase()) <= Math.max(2, Math.floor(known.length / 3));
}
