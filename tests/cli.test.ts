import { execFile } from "node:child_process";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { dataFolder, FIXTURES, tempDir, validClinic } from "./helpers/temp-data.ts";

const BIN = path.join(import.meta.dirname, "..", "bin", "handouts.js");

/** Run the real `handouts` command and return its exit status and output. */
async function handouts(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...process.env, FORCE_COLOR: "0" } });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { status: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Every file under a folder with its content, to see that nothing changed. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files[path.relative(dir, file)] = await readFile(file, "base64");
    }
  }
  return files;
}

describe("handouts build", () => {
  it("builds a data folder into an output folder and exits 0", async () => {
    const out = path.join(await tempDir(), "site");
    const run = await handouts(["build", "--data", path.join(FIXTURES, "basic"), "--out", out, "--cache-dir", path.join(path.dirname(out), "cache")]);
    expect(run.stderr).toMatch(/warning: .*hilltop\.json: brand\.primary/);
    expect(run.stdout).toMatch(/5 handout PDF\(s\), \d+ pages, in .*: 5 printed, 0 reused from cache, 0 failed/);
    expect(run.status).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8"));
    expect(manifest.handouts).toHaveLength(5);
  });

  it("exits 2 with every error listed, and leaves an existing output folder untouched", async () => {
    const out = path.join(await tempDir(), "site");
    await mkdir(path.join(out, "old-clinic"), { recursive: true });
    await writeFile(path.join(out, "manifest.json"), '{"handouts":[]}\n');
    await writeFile(path.join(out, "old-clinic", "handout.pdf"), "%PDF-1.4 previous output");
    const before = await snapshot(out);
    const data = await dataFolder({
      "riverside.json": { ...validClinic(), brand: { primary: "blu" } },
      "second.json": { ...validClinic(), languages: ["en", "xx"], contact: {} },
    });
    const run = await handouts(["build", "--data", data, "--out", out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/clinics\/riverside\.json: brand\.primary: "blu" is not a hex colour like #1A5D8F/);
    expect(run.stderr).toMatch(/clinics\/second\.json: contact\.phone: is required but missing/);
    expect(run.stderr).toMatch(/clinics\/second\.json: languages\[1\]: "xx" is not a known language; use one of: en, es/);
    expect(run.stderr).toMatch(/3 problem\(s\) found; nothing was written\./);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace for a user's mistake
    expect(await snapshot(out)).toEqual(before);
    expect((await readdir(path.dirname(out))).sort()).toEqual(["site"]);
  });

  it("shows help, and answers bad usage with exit 2 and what to type", async () => {
    const help = await handouts(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: handouts <command>/);
    const unknown = await handouts(["bild"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "bild"[\s\S]*Try: handouts build/);
    const badNumber = await handouts(["build", "--concurrency", "zero"]);
    expect(badNumber.status).toBe(2);
    expect(badNumber.stderr).toMatch(/--concurrency takes a whole number/);
  });
});
