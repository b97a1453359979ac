import type { InputProblem } from "../errors.ts";
import { decodeUtf8 } from "./decode-text.ts";
import { parseJson } from "./parse-json.ts";
import { readInputFile } from "./read-input-file.ts";

/**
 * Read a JSON data file (clinic file, site.json, a manifest part): a regular file of at most `limit`
 * bytes, UTF-8, parsed into prototype-free values with no field given twice. The one way this tool
 * reads JSON it is given. Returns the value, or every problem as `file: field: message`; never throws.
 */
export async function readJsonFile(
  absoluteFile: string,
  file: string,
  { limit, what }: { limit: number; what: string },
): Promise<{ value: unknown } | { problems: InputProblem[] }> {
  const read = await readInputFile(absoluteFile, limit, what);
  if ("problem" in read) return { problems: [{ file, field: "", message: read.problem }] };
  const decoded = decodeUtf8(read.bytes);
  if ("problem" in decoded) return { problems: [{ file, field: "", message: decoded.problem }] };
  const parsed = parseJson(decoded.text);
  if ("problems" in parsed) return { problems: parsed.problems.map((problem) => ({ file, ...problem })) };
  return parsed;
}
