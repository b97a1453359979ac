import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import { OUTPUT_MARKER } from "../../src/output/output-folder.ts";
import { withStagedOutput } from "../../src/output/staged-output.ts";
import { tempDir } from "../helpers/temp-data.ts";

/** A folder holding one file with the given text. */
async function folderWith(dir: string, text: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "index.html"), text);
}

/** A process id no process has: that of a build that was killed. */
const DEAD_PID = 2 ** 22 + 1;

const writing = (text: string, keep: boolean) => async (stagingDir: string) => {
  await writeFile(path.join(stagingDir, "index.html"), text);
  return { keep, value: undefined };
};

describe("withStagedOutput after a build was killed", () => {
  it("puts back the previous output a kill between the swap's two renames left alone, when this build fails", async () => {
    const out = path.join(await tempDir(), "site");
    await folderWith(`${out}.previous-${DEAD_PID}`, "the last complete copy");
    await folderWith(`${out}.building-${DEAD_PID}`, "half-written");
    await withStagedOutput(out, writing("new, not kept", false));
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("the last complete copy");
    expect(await readdir(path.dirname(out))).toEqual(["site"]);
  });

  it("puts it back and then replaces it, when this build succeeds", async () => {
    const out = path.join(await tempDir(), "site");
    await folderWith(`${out}.previous-${DEAD_PID}`, "the last complete copy");
    await withStagedOutput(out, writing("new", true));
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("new");
    expect((await readdir(out)).sort()).toEqual([OUTPUT_MARKER, "index.html"]);
    expect(await readdir(path.dirname(out))).toEqual(["site"]);
  });

  it("removes a previous output when the swap had finished, and leaves alone what only looks like its folders", async () => {
    const out = path.join(await tempDir(), "site");
    await folderWith(out, "the output");
    await folderWith(`${out}.previous-${DEAD_PID}`, "older");
    await folderWith(`${out}.previous-notes`, "someone's notes");
    await folderWith(`${out}.backup`, "someone's backup");
    await withStagedOutput(out, writing("new, not kept", false));
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("the output");
    expect((await readdir(path.dirname(out))).sort()).toEqual(["site", "site.backup", "site.previous-notes"]);
  });

  it("refuses, as a mistake of use, a second build while one is writing the output", async () => {
    const out = path.join(await tempDir(), "site");
    await writeFile(`${out}.lock`, String(process.pid)); // a running process holds it
    const second = withStagedOutput(out, writing("second", true));
    await expect(second).rejects.toThrow(InputError);
    await expect(second).rejects.toThrow(/another build \(process \d+\) is writing this output; wait for it to finish/);
    expect(await readdir(path.dirname(out))).toEqual(["site.lock"]);
  });
});
