import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import type { ManifestEntry } from "../../src/output/manifest.ts";
import { itemsOfShard, manifestPartName, mergeManifests, parseShard } from "../../src/output/shards.ts";
import { tempDir } from "../helpers/temp-data.ts";

describe("parseShard", () => {
  it("reads i/n with 1 ≤ i ≤ n", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 });
    expect(parseShard(" 1/1 ")).toEqual({ index: 1, count: 1 });
    expect(parseShard("3/3")).toEqual({ index: 3, count: 3 });
  });

  it("gives nothing for what is not a shard", () => {
    for (const text of ["0/3", "4/3", "1/0", "a/b", "1/2/3", "1 / 2", "-1/2", "", "2"]) expect(parseShard(text), text).toBeUndefined();
  });
});

describe("itemsOfShard", () => {
  const items = ["e", "b", "a", "d", "c", "g", "f"];
  const shardsOf = (count: number) =>
    Array.from({ length: count }, (_unused, index) => itemsOfShard(items, (item) => item, { index: index + 1, count }));

  it("deals the items sorted by key, one to each shard in turn, whatever order they come in", () => {
    expect(shardsOf(3)).toEqual([
      ["a", "d", "g"],
      ["b", "e"],
      ["c", "f"],
    ]);
    expect(itemsOfShard([...items].reverse(), (item) => item, { index: 2, count: 3 })).toEqual(["b", "e"]);
    expect(shardsOf(1)).toEqual([[...items].sort()]);
  });

  it("covers every item exactly once, in shards whose sizes differ by at most one", () => {
    for (const count of [1, 2, 3, 4, 7, 9]) {
      const shards = shardsOf(count);
      expect(shards.flat().sort(), `${count} shards`).toEqual([...items].sort());
      const sizes = shards.map((shard) => shard.length);
      expect(Math.max(...sizes) - Math.min(...sizes), `${count} shards`).toBeLessThanOrEqual(1);
    }
  });
});

describe("manifestPartName", () => {
  it("names a shard's part of the manifest", () => {
    expect(manifestPartName({ index: 2, count: 3 })).toBe("manifest.part-2-of-3.json");
  });
});

/** A manifest entry for a PDF written with `content`, as a shard's build lists it. */
async function printed(outDir: string, clinic: string, content: string): Promise<ManifestEntry> {
  const pdf = `${clinic}/en/h.pdf`;
  await mkdir(path.join(outDir, clinic, "en"), { recursive: true });
  await writeFile(path.join(outDir, pdf), content);
  return {
    clinic,
    handout: "h",
    lang: "en",
    variant: "standard",
    title: "T",
    html: `${clinic}/en/h.html`,
    pdf,
    pages: 1,
    bytes: content.length,
    sha256: createHash("sha256").update(content).digest("hex"),
    reviewed: "2026-11-28",
    reviewDue: "2027-11-28",
    contentVersion: "0123abcd",
  };
}

const writePart = (outDir: string, index: number, count: number, handouts: ManifestEntry[], failures: unknown[] = []) =>
  writeFile(path.join(outDir, manifestPartName({ index, count })), JSON.stringify(failures.length ? { handouts, failures } : { handouts }));

/** The messages of the InputError that merging throws. */
async function mergeProblems(outDir: string): Promise<string[]> {
  const error = await mergeManifests(outDir).catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).problems.map((problem) => problem.message);
}

describe("mergeManifests", () => {
  it("writes manifest.json with every part's handouts and failures, sorted as one build writes them", async () => {
    const out = await tempDir();
    const [b, a] = [await printed(out, "b", "%PDF b"), await printed(out, "a", "%PDF a")];
    const failure = { clinic: "c", handout: "h", lang: "en", variant: "standard", error: "took too long" };
    await writePart(out, 1, 2, [b]);
    await writePart(out, 2, 2, [a], [failure]);
    const merged = await mergeManifests(out);
    expect(merged).toEqual({ handouts: [a, b], failures: [failure] });
    expect(JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8"))).toEqual(merged);
  });

  it("refuses a folder without parts, and names each missing part", async () => {
    const out = await tempDir();
    expect(await mergeProblems(out)).toEqual([expect.stringMatching(/^no manifest parts/)]);
    await writePart(out, 2, 3, [await printed(out, "a", "%PDF a")]);
    expect(await mergeProblems(out)).toEqual([
      "part 1 of 3 is missing (manifest.part-1-of-3.json)",
      "part 3 of 3 is missing (manifest.part-3-of-3.json)",
    ]);
  });

  it("refuses parts of builds with different shard counts, a handout listed twice, and a PDF missing or not the one printed", async () => {
    const out = await tempDir();
    const a = await printed(out, "a", "%PDF a");
    const b = await printed(out, "b", "%PDF b");
    await writeFile(path.join(out, b.pdf), "%PDF b, printed again by someone else");
    await writePart(out, 1, 2, [a, b]);
    await writePart(out, 2, 2, [a, { ...a, clinic: "gone", pdf: "gone/en/h.pdf" }]);
    await writePart(out, 1, 1, []);
    const problems = await mergeProblems(out);
    expect(problems).toEqual(
      expect.arrayContaining([
        "parts from builds with different shard counts: 1, 2",
        "b/en/h.pdf differs from the one manifest.part-1-of-2.json printed",
        "a/en/h.pdf is listed by more than one part",
        "gone/en/h.pdf (listed in manifest.part-2-of-2.json) is missing",
      ]),
    );
    await expect(readFile(path.join(out, "manifest.json"))).rejects.toThrow(/ENOENT/);
  });
});
