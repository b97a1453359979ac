import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, tempDir } from "../helpers/temp-data.ts";

const ROOT = path.join(import.meta.dirname, "..", "..");
const ELEVENTY = path.join(ROOT, "node_modules", "@11ty", "eleventy", "cmd.cjs");

/** Eleventy's own command, run as an Eleventy user would in this project, on the fixture clinics. */
function eleventy(args: string[]) {
  const child = spawn(process.execPath, [ELEVENTY, ...args], {
    cwd: ROOT,
    env: { ...process.env, HANDOUTS_DATA: path.join(FIXTURES, "basic"), FORCE_COLOR: "0" },
  });
  const output = { text: "", child, exited: new Promise<number | null>((resolve) => child.on("exit", resolve)) };
  child.stdout.on("data", (chunk: Buffer) => (output.text += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output.text += chunk.toString()));
  return output;
}

describe("Eleventy's own commands", () => {
  it("`npx @11ty/eleventy` builds every page of the clinics, with their logos and stylesheets, and no PDFs", async () => {
    const out = path.join(await tempDir(), "pages");
    const run = eleventy([`--output=${out}`]);
    expect(await run.exited, run.text).toBe(0);
    const files = await readdir(out, { recursive: true });
    expect(files).toEqual(
      expect.arrayContaining([
        "index.html",
        "lakeside/index.html",
        "lakeside/es/ketamine-infusion.html",
        "lakeside/en/ketamine-infusion.large-print.html",
        "hilltop/logo.png",
        "lakeside/brand.css",
        "assets/site.css",
      ]),
    );
    expect(files.filter((file) => file.endsWith(".pdf"))).toEqual([]);
    expect(await readFile(path.join(out, "lakeside/en/ketamine-infusion.html"), "utf8")).toContain("Lakeside Pain Care");
  }, 120_000);

  it("`npx @11ty/eleventy --serve` serves them", async () => {
    const out = path.join(await tempDir(), "pages");
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const run = eleventy([`--output=${out}`, "--serve", `--port=${port}`]);
    try {
      const deadline = Date.now() + 60_000;
      let page = "";
      while (Date.now() < deadline && !page.includes("Lakeside Pain Care")) {
        page = await fetch(`http://localhost:${port}/lakeside/en/ketamine-infusion.html`).then(
          (response) => response.text(),
          () => "",
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      expect(page, run.text).toContain("Lakeside Pain Care");
    } finally {
      run.child.kill("SIGINT");
      await run.exited;
    }
  }, 120_000);
});
