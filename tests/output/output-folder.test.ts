import { mkdir, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimOutputFolder, OUTPUT_MARKER, writeOutputMarker } from "../../src/output/output-folder.ts";
import { tempDir } from "../helpers/temp-data.ts";

let root: string;
let data: string;
const realHome = process.env.HOME;
beforeAll(async () => {
  root = await tempDir();
  process.env.HOME = path.join(await tempDir(), "alice"); // os.homedir() reads it
  await mkdir(process.env.HOME, { recursive: true });
  data = path.join(root, "data");
  await mkdir(path.join(data, "clinics"), { recursive: true });
  await mkdir(path.join(root, "marked"));
  await writeOutputMarker(path.join(root, "marked"));
  await writeFile(path.join(path.join(root, "marked"), "index.html"), "");
  await mkdir(path.join(root, "legacy"));
  await writeFile(
    path.join(root, "legacy", "manifest.json"),
    JSON.stringify({ handouts: [{ clinic: "a", handout: "b", lang: "en", pdf: "a/en/b.pdf", sha256: "0".repeat(64) }] }),
  );
  await mkdir(path.join(root, "web-app"));
  await writeFile(path.join(root, "web-app", "manifest.json"), JSON.stringify({ name: "My app", icons: [] }));
  await mkdir(path.join(root, "fake-marker"));
  await writeFile(path.join(root, "fake-marker", OUTPUT_MARKER), "anything");
  await mkdir(path.join(root, "repo", ".git"), { recursive: true });
  await writeFile(path.join(root, "notes.txt"), "my notes");
  await symlink(path.join(root, "marked"), path.join(root, "link-to-output"));
  await symlink(data, path.join(root, "link-to-data"));
});

afterAll(() => {
  process.env.HOME = realHome;
});

const claim = (out: string) => claimOutputFolder(out, { dataDir: data });
const refusal = async (out: string) => {
  const result = await claim(out);
  return "problem" in result ? `${result.problem.file}: ${result.problem.message}` : undefined;
};

describe("claimOutputFolder", () => {
  it("accepts a new folder, an empty one, an earlier output (by its marker, or an older build's manifest), and a link to one", async () => {
    expect(await claim(path.join(root, "new", "site"))).toEqual({ dir: path.join(root, "new", "site") });
    await mkdir(path.join(root, "empty"));
    expect(await claim(path.join(root, "empty"))).toEqual({ dir: path.join(root, "empty") });
    expect(await claim(path.join(root, "marked"))).toEqual({ dir: path.join(root, "marked") });
    expect(await claim(path.join(root, "legacy"))).toEqual({ dir: path.join(root, "legacy") });
    expect(await claim(path.join(root, "link-to-output"))).toEqual({ dir: path.join(root, "marked") });
  });

  it("refuses what the tool does not own, saying what it is and how to go on", async () => {
    const cases: [string, RegExp][] = [
      ["", /^--out "": is empty \(is a variable unset\?\); name a folder for the output, like --out _site$/],
      ["/", /^--out \/: is the root of the file system; choose a folder of its own/],
      [os.homedir(), /: is your home folder; choose/],
      [path.dirname(os.homedir()), /: holds your home folder; choose/],
      [data, /: is the data folder \(.*data\); choose/],
      [path.join(data, "site"), /: is inside the data folder/],
      [root, /: holds the data folder/],
      [path.join(root, "link-to-data"), /: leads to .*data, which is the data folder/],
      [process.cwd(), /: is the folder you are working in; choose/],
      [path.join(root, "notes.txt"), /: is a file, not a folder; nothing was changed/],
      [path.join(root, "notes.txt", "site"), /: .*notes\.txt is a file, not a folder/],
      [path.join(root, "repo"), /: is the root of a project \(it holds \.git or package\.json\)/],
      [
        path.join(root, "web-app"),
        /: already holds 1 file\(s\) or folder\(s\) that this tool did not write \(it has no \.clinic-handouts file\); a build replaces its output folder whole, so choose a new folder, like --out _site, or empty this one first$/,
      ],
      [path.join(root, "fake-marker"), /: already holds 1 file/],
    ];
    for (const [out, expected] of cases) expect(await refusal(out), out).toMatch(expected);
  });
});
