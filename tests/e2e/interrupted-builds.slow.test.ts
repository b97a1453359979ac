import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../src/build.ts";
import { OUTPUT_MARKER } from "../../src/output/output-folder.ts";
import { EVERY_HOSTILE_SVG, NOT_IN_A_LOGO } from "../fixtures/bad-clinics.ts";
import { chromiumOf, clinicSvgs, previousOutput, snapshot } from "../helpers/output-folders.ts";
import { recordingServer } from "../helpers/recording-server.ts";
import { dataFolder, FIXTURES, tempDir, validClinic } from "../helpers/temp-data.ts";

// `npm run test:slow`: builds killed or interrupted at the worst moments, and a build whose Chromium is killed while
// it prints. Each starts the command (or Chromium) afresh and waits for the moment to strike.

const BIN = path.join(import.meta.dirname, "..", "..", "bin", "handouts.js");

describe("a hard kill between the swap's two renames", () => {
  it("leaves the previous output beside the output, and the next build puts it back, even when that build fails", async () => {
    // The short one-page checklist: what is printed does not matter here, only when the process dies.
    const data = await dataFolder({ "one.json": { ...validClinic(), handouts: ["getting-ready-checklist"] } });
    const out = await previousOutput();
    const before = await snapshot(out);
    const args = [
      "--import",
      path.join(import.meta.dirname, "..", "helpers", "kill-between-renames.mjs"),
      BIN,
      "build",
      "--data",
      data,
      "--out",
      out,
      "--no-cache",
    ];
    const child = spawn(process.execPath, args, { stdio: "ignore" });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, killedBy) => resolve(killedBy)));
    expect(signal).toBe("SIGKILL");
    // The state the issue found: no output, the previous one under another name.
    expect(existsSync(out)).toBe(false);
    expect(await snapshot(`${out}.previous-${child.pid}`)).toEqual(before);
    // A build that fails (every handout over a page limit of 0) must not lose it.
    const failed = await build({ dataDir: data, outDir: out, cacheDir: false, maxPages: 0 });
    expect(failed.written).toBe(false);
    expect(await snapshot(out)).toEqual(before);
    expect((await readdir(path.dirname(out))).sort()).toEqual(["site", "site.report.html"]);
  });
});

describe("a build whose Chromium is killed, of a clinic with a hostile SVG logo", () => {
  let server: Awaited<ReturnType<typeof recordingServer>>;
  let out: string;
  let result: BuildResult;
  let killed: string | undefined;
  beforeAll(async () => {
    server = await recordingServer();
    // Six PDFs: enough that some are still to print when the first is out, however the machine's load falls.
    const clinic = {
      ...validClinic(),
      logo: "logos/hostile.svg",
      handouts: ["infusion-what-to-expect", "getting-ready-checklist", "side-effects"],
    };
    const data = await dataFolder({ "hostile.json": clinic }, { "hostile.svg": EVERY_HOSTILE_SVG.replaceAll("{url}", server.url) });
    out = path.join(await tempDir(), "site");
    // Killed outright (as the OOM killer would) once the first PDF is out, while the other tab prints.
    const onPrinted = () => {
      if (killed !== undefined) return;
      killed = chromiumOf(process.pid).split("\n")[0] ?? "";
      if (killed) process.kill(Number(killed), "SIGKILL");
    };
    result = await build({ dataDir: data, outDir: out, concurrency: 2, cacheDir: false, onPrinted });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("starts Chromium again and prints every handout, the ones in flight too", () => {
    expect(killed).toMatch(/^\d+$/);
    expect(result.failures).toEqual([]);
    expect(result.written).toBe(true);
    expect(result.manifest.handouts).toHaveLength(6);
    expect(result.warnings).toContainEqual(expect.stringMatching(/^Chromium crashed while printing and was started again \(crash 1\)/));
    expect(chromiumOf(process.pid)).toBe("");
  });

  it("publishes the logo as a PNG drawn from it, holding none of it, and nothing was fetched", async () => {
    const logo = await readFile(path.join(out, "hostile", "logo.png"));
    expect(logo.subarray(1, 4).toString()).toBe("PNG");
    expect(logo.toString("latin1")).not.toMatch(NOT_IN_A_LOGO);
    expect(clinicSvgs(await readdir(out, { recursive: true }))).toEqual([]);
    expect(await readFile(path.join(out, "hostile", "index.html"), "utf8")).toContain('src="logo.png"');
    expect(server.requests).toEqual([]);
  });

  it("marks the output as its own", async () => {
    expect(JSON.parse(await readFile(path.join(out, OUTPUT_MARKER), "utf8"))).toMatchObject({ tool: "clinic-handouts" });
  });
});

describe("an interrupted build", () => {
  /** Start a build of the fixture clinics and signal it once it has printed a PDF into its staging folder. */
  async function interrupt(signal: NodeJS.Signals, out: string): Promise<{ code: number | null; pid: number }> {
    const child = spawn(
      process.execPath,
      [BIN, "build", "--data", path.join(FIXTURES, "basic"), "--out", out, "--no-cache", "--concurrency", "1"],
      { stdio: "ignore" },
    );
    const pid = child.pid as number;
    const staging = `${out}.building-${pid}`;
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    for (let tries = 0; tries < 400; tries++) {
      const printed = await readdir(path.join(staging, "hilltop", "en")).catch(() => [] as string[]);
      if (printed.some((file) => file.endsWith(".pdf"))) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    child.kill(signal);
    return { code: await exited, pid };
  }

  it("on SIGTERM keeps the previous output byte for byte, removes its temporary folder and leaves no Chromium", async () => {
    const out = await previousOutput();
    const before = await snapshot(out);
    const { code, pid } = await interrupt("SIGTERM", out);
    expect(code).toBe(143);
    expect(await snapshot(out)).toEqual(before);
    expect(await readdir(path.dirname(out))).toEqual(["site"]);
    expect(chromiumOf(pid)).toBe("");
  });

  it("on SIGKILL keeps the previous output, and the next build removes the left-over folder", async () => {
    const out = await previousOutput();
    const before = await snapshot(out);
    const { pid } = await interrupt("SIGKILL", out);
    expect(await snapshot(out)).toEqual(before);
    expect(existsSync(`${out}.building-${pid}`)).toBe(true);
    // Its pipe closed, Chromium exits by itself; on a busy machine that takes a moment.
    for (let tries = 0; tries < 100 && chromiumOf(pid) !== ""; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(chromiumOf(pid)).toBe("");
    const next = await build({ dataDir: path.join(FIXTURES, "basic"), outDir: out, cacheDir: false, select: { clinics: ["hilltop"] } });
    expect(next.written).toBe(true);
    expect((await readdir(path.dirname(out))).sort()).toEqual(["site"]);
  });
});
