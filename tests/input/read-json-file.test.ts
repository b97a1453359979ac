import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hiddenCharacterProblem } from "../../src/clinics/hidden-characters.ts";
import { MAX_JSON_DEPTH, parseJson } from "../../src/input/parse-json.ts";
import { readInputFile } from "../../src/input/read-input-file.ts";
import { readJsonFile } from "../../src/input/read-json-file.ts";
import { tempDir } from "../helpers/temp-data.ts";

const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

describe("parseJson", () => {
  it("makes objects without a prototype, in which __proto__, constructor and prototype are plain data", () => {
    const parsed = parseJson('{ "__proto__": { "name": "x" }, "constructor": 1, "prototype": [2], "nested": { "__proto__": null } }');
    if (!("value" in parsed)) throw new Error(JSON.stringify(parsed));
    const value = parsed.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(Object.keys(value)).toEqual(["__proto__", "constructor", "prototype", "nested"]);
    expect(Object.getOwnPropertyDescriptor(value, "__proto__")?.value).toEqual(Object.assign(Object.create(null), { name: "x" }));
    expect((value as { name?: unknown }).name).toBeUndefined();
    expect(({} as { name?: unknown }).name).toBeUndefined(); // nothing leaked onto Object.prototype
  });

  it("names a field given twice, with both lines, also when nested", () => {
    expect(parseJson('{\n "contact": {\n  "phone": "1",\n  "phone": "2"\n }\n}')).toEqual({
      problems: [{ field: "contact.phone", message: "is given twice (lines 3 and 4); keep one" }],
    });
  });

  it(`accepts nesting ${MAX_JSON_DEPTH} deep, refuses deeper without recursing, however deep`, () => {
    expect(parseJson(nested(MAX_JSON_DEPTH))).toHaveProperty("value");
    expect(parseJson(nested(MAX_JSON_DEPTH + 1))).toEqual({
      problems: [{ field: "", message: expect.stringMatching(/nested more than 32 levels deep at line 1/) }],
    });
    expect(parseJson(`{\n"a":\n${nested(200_000)}}`)).toEqual({ problems: [{ field: "", message: expect.stringMatching(/at line 3/) }] });
  });

  it("allows comments and gives the line and column of a syntax error", () => {
    expect(parseJson('// a comment\n{ "a": 1 /* more */ }')).toEqual({ value: Object.assign(Object.create(null), { a: 1 }) });
    expect(parseJson('{\n  "a": 1,\n}')).toEqual({
      problems: [
        {
          field: "",
          message: "invalid JSON at line 3, column 1: expected a field name in double quotes (is there a comma too many before it?)",
        },
      ],
    });
  });
});

describe("readJsonFile", () => {
  async function read(bytes: Buffer | string) {
    const file = path.join(await tempDir(), "data.json");
    await writeFile(file, bytes);
    return readJsonFile(file, "data.json", { limit: 1024, what: "a data file" });
  }

  it("reads UTF-8, with or without a byte-order mark", async () => {
    expect(await read('{ "name": "Clínica" }')).toEqual({ value: Object.assign(Object.create(null), { name: "Clínica" }) });
    expect(await read('\uFEFF{ "name": "Clínica" }')).toHaveProperty("value");
  });

  it("says a UTF-16 file is UTF-16, with or without a byte-order mark", async () => {
    for (const bytes of [Buffer.from('{ "a": 1 }', "utf16le"), Buffer.from('\uFEFF{ "a": 1 }', "utf16le")]) {
      expect(await read(bytes)).toEqual({
        problems: [{ file: "data.json", field: "", message: expect.stringMatching(/saved as UTF-16/) }],
      });
    }
  });

  it("names the line of the first byte that is not UTF-8", async () => {
    expect(await read(Buffer.from('{\n  "a": "ok",\n  "b": "Cl\xEDnica"\n}', "latin1"))).toEqual({
      problems: [{ file: "data.json", field: "", message: expect.stringMatching(/not valid UTF-8 at line 3/) }],
    });
  });
});

describe("readInputFile", () => {
  it("reads no more than the limit of a file whose size is not known beforehand", async () => {
    // /proc files say they are empty, and can be longer than the limit.
    expect(await readInputFile("/proc/self/status", 100, "a data file")).toEqual({
      problem: "file is more than 1 KB; a data file may be at most 1 KB",
    });
  });

  it("refuses a larger file by its size, before reading it", async () => {
    const file = path.join(await tempDir(), "big.json");
    await writeFile(file, "x".repeat(3000));
    expect(await readInputFile(file, 1024, "a data file")).toEqual({ problem: "file is 3 KB; a data file may be at most 1 KB" });
  });
});

describe("hiddenCharacterProblem", () => {
  it("allows the bidi marks Arabic and Hebrew text uses, and line breaks and tabs in multi-line text only", () => {
    expect(hiddenCharacterProblem("\u05E9\u05DC\u05D5\u05DD\u200F (03) 555-0100\u200E \u061C")).toBeUndefined();
    expect(hiddenCharacterProblem("line one\n\tline two", { multiline: true })).toBeUndefined();
    expect(hiddenCharacterProblem("line one\nline two")).toMatch(/control character \(U\+000A\) at character 9/);
  });

  it("refuses every embedding, override and isolate, and every C0 and C1 control", () => {
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x00, 0x1b, 0x7f, 0x80, 0x9f]) {
      expect(hiddenCharacterProblem(`a${String.fromCodePoint(code)}b`, { multiline: true }), code.toString(16)).toMatch(
        /^holds an invisible .* at character 2; delete it/,
      );
    }
  });
});
