import { spawn, type ChildProcess } from "node:child_process";
import { cp, readFile, readdir } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.ts";
import { main } from "../../src/cli.ts";
import { findBrowser } from "../../src/printing/find-browser.ts";
import { chromiumArgs, closeBrowser, launchBrowser } from "../../src/printing/launch-browser.ts";
import { basicSite } from "../helpers/basic-site.ts";
import { readPdf } from "../helpers/read-pdf.ts";
import { FIXTURES, tempDir } from "../helpers/temp-data.ts";

const data = path.join(FIXTURES, "basic");
/** The smallest part of the fixtures to print: one clinic, one short handout, one language. */
const CHECKLIST_ES = { clinics: ["lakeside"], handouts: ["getting-ready-checklist"], langs: ["es"] };

describe("sharded builds", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await closeBrowser(browser);
  });

  // The full build is the fixture site the run built first (tests/global-setup.ts): the shards print every handout
  // again, later, so the merged manifest (sizes and SHA-256 of every PDF) equal to it also shows that printing again
  // gives the same bytes (this was a test of its own in build.test.ts, which built the fixtures a second time).
  it("cover every handout exactly once across shards 1/3, 2/3 and 3/3, and merge into the full build's manifest: the same bytes, printed again later", async () => {
    const full = basicSite().result;
    // At least a second after the full build: no clock may reach the bytes.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, basicSite().finishedAt + 1100 - Date.now())));
    const root = await tempDir();
    const merged = path.join(root, "merged");
    const printedBy: string[][] = [];
    for (const index of [1, 2, 3]) {
      const out = path.join(root, `shard-${index}`);
      const result = await build({ dataDir: data, outDir: out, browser, cacheDir: false, shard: { index, count: 3 } });
      printedBy.push(result.manifest.handouts.map((entry) => entry.pdf));
      expect(await readdir(out)).toContain(`manifest.part-${index}-of-3.json`);
      expect(await readdir(out)).not.toContain("manifest.json");
      await cp(out, merged, { recursive: true }); // what a CI job does with each shard's artifact
    }
    const all = printedBy.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(full.manifest.handouts.map((entry) => entry.pdf).sort());
    expect(printedBy.map((list) => list.length).sort()).toEqual([3, 3, 4]);
    const lines: string[] = [];
    expect(await main(["merge", "--out", merged], { out: (line) => lines.push(line), err: (line) => lines.push(line) })).toBe(0);
    expect(JSON.parse(await readFile(path.join(merged, "manifest.json"), "utf8"))).toEqual(full.manifest);
  });

  it("refuses to merge when a shard's part is missing", async () => {
    const root = await tempDir();
    const out = path.join(root, "site");
    // One clinic's one-page checklist in one language: two PDFs (standard and large print), one per shard.
    const shard = await build({
      dataDir: data,
      outDir: out,
      browser,
      cacheDir: false,
      select: CHECKLIST_ES,
      shard: { index: 1, count: 2 },
    });
    expect(shard.manifest.handouts).toHaveLength(1);
    const errors: string[] = [];
    expect(await main(["merge", "--out", out], { out: () => undefined, err: (line) => errors.push(line) })).toBe(2);
    expect(errors.join("\n")).toMatch(/part 2 of 2 is missing \(manifest\.part-2-of-2\.json\)/);
  });
});

describe("printing on a running Chrome (--browser-ws)", () => {
  let chrome: ChildProcess | undefined;
  afterAll(() => {
    chrome?.kill();
  });

  it("prints valid PDFs on a Chromium started with --remote-debugging-port=0 (one clinic, one handout, one language)", async () => {
    const location = await findBrowser();
    const profile = await tempDir("chrome-profile-");
    chrome = spawn(
      location?.executablePath ?? "chromium",
      ["--headless", "--remote-debugging-port=0", `--user-data-dir=${profile}`, ...chromiumArgs()],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    const endpoint = await new Promise<string>((resolve, reject) => {
      let seen = "";
      chrome?.stderr?.on("data", (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
        if (match?.[1]) resolve(match[1]);
      });
      chrome?.on("exit", () => reject(new Error(`Chromium exited: ${seen}`)));
    });
    const out = path.join(await tempDir(), "site");
    const result = await build({ dataDir: data, outDir: out, cacheDir: false, browserWs: [endpoint], select: CHECKLIST_ES });
    expect(result.failures).toEqual([]);
    expect(result.manifest.handouts.map((entry) => entry.pdf)).toEqual([
      "lakeside/es/getting-ready-checklist.pdf",
      "lakeside/es/getting-ready-checklist.large-print.pdf",
    ]);
    const pdf = await readPdf(path.join(out, "lakeside/es/getting-ready-checklist.pdf"));
    expect(pdf.title).toBe("Cómo prepararse para su infusión: lista de control");
    expect(pdf.text).toContain("Lakeside Pain Care");
    expect(pdf.lang).toBe("es");
    expect(pdf.tagged).toBe(true);
    expect(chrome.exitCode).toBeNull(); // someone else's browser keeps running
  });
});
