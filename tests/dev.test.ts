import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readPdf } from "./helpers/read-pdf.ts";
import { dataFolder, tempDir, validClinic } from "./helpers/temp-data.ts";

const BIN = path.join(import.meta.dirname, "..", "bin", "handouts.js");

/** Poll until `probe` returns true, or fail after `seconds`. */
async function eventually(probe: () => Promise<boolean>, seconds: number, what: string): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not within ${seconds} s: ${what}`);
}

describe("handouts dev", () => {
  it("serves the site, and after a save shows the new phone in the page and in the re-printed PDF", async () => {
    const clinic = { ...validClinic(), handouts: ["your-visit", "side-effects"] };
    const data = await dataFolder({ "preview.json": clinic });
    const work = await tempDir();
    const child = spawn(process.execPath, [BIN, "dev", "--data", data, "--port", "0"], { cwd: work, env: { ...process.env, FORCE_COLOR: "0" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    try {
      await eventually(async () => /Preview: http:\/\/localhost:\d+\//.test(stdout), 60, `the preview's address (stderr: ${stderr})`);
      const base = /Preview: (http:\/\/localhost:\d+\/)/.exec(stdout)?.[1] as string;
      await eventually(async () => /Printed 4 PDF\(s\)/.test(stderr), 60, "the first print");
      const pageUrl = new URL("preview/en/your-visit.html", base);
      expect(await (await fetch(pageUrl)).text()).toContain("(555) 010-0000");
      const pdfFile = path.join(work, ".cache", "dev", "preview", "preview", "en", "your-visit.pdf");
      expect((await readPdf(pdfFile)).text).toContain("(555) 010-0000");

      const changed = Date.now();
      await writeFile(path.join(data, "clinics", "preview.json"), JSON.stringify({ ...clinic, contact: { phone: "(555) 019-7777" } }));
      await eventually(async () => (await (await fetch(pageUrl)).text()).includes("(555) 019-7777"), 10, "the new phone in the page");
      await eventually(async () => (await readPdf(pdfFile)).text.includes("(555) 019-7777"), 15, "the new phone in the PDF");
      const pdf = await (await fetch(new URL("preview/en/your-visit.pdf", base))).arrayBuffer();
      expect(pdf.byteLength).toBeGreaterThan(1000);
      expect(Date.now() - changed).toBeLessThan(15_000);
      // A half-typed file is reported and the last good preview stays up.
      await writeFile(path.join(data, "clinics", "preview.json"), '{ "name": ');
      await eventually(async () => /preview\.json: invalid JSON at line 1/.test(stderr), 10, "the syntax error reported");
      expect((await fetch(pageUrl)).status).toBe(200);
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/SIGINT received, stopped/);
    const page = await readFile(path.join(work, ".cache", "dev", "preview", "preview", "en", "your-visit.html"), "utf8");
    expect(page).toContain("script-src 'self'"); // the dev server's reload script may run there, and only there
  }, 120_000);
});
