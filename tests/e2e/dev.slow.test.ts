import { spawn, type ChildProcess } from "node:child_process";
import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readPdf } from "../helpers/read-pdf.ts";
import { dataFolder, tempDir, validClinic } from "../helpers/temp-data.ts";

const BIN = path.join(import.meta.dirname, "..", "..", "bin", "handouts.js");

/** Poll until `probe` returns true, or fail after `seconds`. */
async function eventually(probe: () => Promise<boolean>, seconds: number, what: string): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not within ${seconds} s: ${what}`);
}

/** Save a file the way many editors and `sed -i` do: write a new file beside it and rename it over the old one. */
async function replaceFile(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

/** A running `handouts dev`, with what it has printed so far. */
function startDev(args: string[], cwd: string) {
  const child = spawn(process.execPath, [BIN, "dev", ...args, "--port", "0"], { cwd, env: { ...process.env, FORCE_COLOR: "0" } });
  const output = { stdout: "", stderr: "", child, exited: new Promise<number | null>((resolve) => child.on("exit", resolve)) };
  child.stdout.on("data", (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output.stderr += chunk.toString()));
  return output;
}

const isListening = (url: string) =>
  fetch(url).then(
    () => true,
    () => false,
  );

describe("handouts dev", () => {
  it("serves the site at once, follows every save (replaced files too, broken then fixed), and re-prints the PDF", async () => {
    const clinic = { ...validClinic(), handouts: ["getting-ready-checklist"] };
    const data = await dataFolder({ "preview.json": clinic });
    const clinicFile = path.join(data, "clinics", "preview.json");
    const work = await tempDir();
    const dev = startDev(["--data", data], work);
    try {
      await eventually(
        async () => /Preview: http:\/\/localhost:\d+\//.test(dev.stdout),
        60,
        `the preview's address (stderr: ${dev.stderr})`,
      );
      // The address comes as soon as the pages are there, before the PDFs, and once.
      expect(dev.stderr).not.toMatch(/Printed \d+ PDF/);
      const base = /Preview: (http:\/\/localhost:\d+\/)/.exec(dev.stdout)?.[1] as string;
      const pageUrl = new URL("preview/en/getting-ready-checklist.html", base);
      expect(await (await fetch(pageUrl)).text()).toContain("(555) 010-0000");
      await eventually(async () => /Printed 2 PDF\(s\)/.test(dev.stderr), 60, "the first print");
      const pdfFile = path.join(work, ".cache", "dev", "preview", "preview", "en", "getting-ready-checklist.pdf");
      expect((await readPdf(pdfFile)).text).toContain("(555) 010-0000");

      await writeFile(clinicFile, JSON.stringify({ ...clinic, contact: { phone: "(555) 019-7777" } }));
      await eventually(async () => (await (await fetch(pageUrl)).text()).includes("(555) 019-7777"), 10, "the new phone in the page");
      await eventually(async () => (await readPdf(pdfFile)).text.includes("(555) 019-7777"), 30, "the new phone in the PDF");

      // Broken saves written over the file, then replaced by renaming, are each reported; the preview stays up.
      await writeFile(clinicFile, '{ "name": ');
      await eventually(
        async () => (dev.stderr.match(/preview\.json: invalid JSON at line 1/g) ?? []).length === 1,
        10,
        "the first broken save reported",
      );
      await replaceFile(clinicFile, '{ "name": "x", ');
      await eventually(
        async () => (dev.stderr.match(/preview\.json: invalid JSON at line 1/g) ?? []).length === 2,
        10,
        "the replaced broken save reported",
      );
      expect((await fetch(pageUrl)).status).toBe(200);
      // The fix, saved by replacing the file, is followed.
      await replaceFile(clinicFile, JSON.stringify({ ...clinic, contact: { phone: "(555) 019-8888" } }));
      await eventually(
        async () => (await (await fetch(pageUrl)).text()).includes("(555) 019-8888"),
        10,
        "the fixed file's phone in the page",
      );
      await eventually(async () => (await readPdf(pdfFile)).text.includes("(555) 019-8888"), 15, "the fixed file's phone in the PDF");
    } finally {
      dev.child.kill("SIGINT");
    }
    expect(await dev.exited).toBe(0);
    expect(dev.stdout.match(/Preview: /g)).toHaveLength(1);
    expect(dev.stderr).toMatch(/SIGINT received, stopped/);
    const page = await readFile(path.join(work, ".cache", "dev", "preview", "preview", "en", "getting-ready-checklist.html"), "utf8");
    expect(page).toContain("script-src 'self'"); // the dev server's reload script may run there, and only there
  }, 120_000);

  it("stops, freeing its port and its browser, when the process that started it is killed", async () => {
    const data = await dataFolder({ "preview.json": { ...validClinic(), handouts: ["getting-ready-checklist"] } });
    const work = await tempDir();
    // A parent that starts the preview and prints its address, as `npm run dev` does; then the parent is killed outright.
    const parentScript = `const { spawn } = require("node:child_process");
      const child = spawn(process.execPath, ${JSON.stringify([BIN, "dev", "--data", data, "--port", "0"])}, { stdio: ["ignore", "pipe", "inherit"] });
      child.stdout.on("data", (chunk) => process.stdout.write("child " + child.pid + " " + chunk));`;
    const parent: ChildProcess = spawn(process.execPath, ["-e", parentScript], { cwd: work, stdio: ["ignore", "pipe", "ignore"] });
    let stdout = "";
    parent.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    await eventually(async () => /Preview: http/.test(stdout), 60, "the preview's address");
    const [, childPid, url] = /child (\d+) Preview: (http:\/\/localhost:\d+\/)/.exec(stdout) ?? [];
    expect(await isListening(url as string)).toBe(true);
    parent.kill("SIGKILL");
    const gone = (pid: number) => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    };
    await eventually(async () => gone(Number(childPid)), 30, "the preview process gone");
    expect(await isListening(url as string)).toBe(false);
  }, 90_000);
});
