import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, DEFAULT_LIBRARY } from "../src/build.ts";
import { main } from "../src/cli.ts";
import { validateClinic } from "../src/clinics/load-clinics.ts";
import { clinicSchema, NOTE_NAMES } from "../src/clinics/schema.ts";
import { loadLibrary } from "../src/content/library.ts";
import { BAD_CLINICS, BAD_LOGOS } from "./fixtures/bad-clinics.ts";
import { readPdf } from "./helpers/read-pdf.ts";
import { recordingServer } from "./helpers/recording-server.ts";
import { dataFolder, FIXTURES, tempDir, validClinic } from "./helpers/temp-data.ts";

const BIN = path.join(import.meta.dirname, "..", "bin", "handouts.js");

/** Every file under a folder with its content, to see that nothing changed. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[path.relative(dir, path.join(entry.parentPath, entry.name))] = await readFile(path.join(entry.parentPath, entry.name), "base64");
  }
  return files;
}

/** An output folder holding a previous build's files. */
async function previousOutput(): Promise<string> {
  const out = path.join(await tempDir(), "site");
  await mkdir(path.join(out, "old-clinic", "en"), { recursive: true });
  await writeFile(path.join(out, "manifest.json"), '{"handouts":[]}\n');
  await writeFile(path.join(out, "old-clinic", "en", "handout.pdf"), "%PDF-1.4 the previous output");
  return out;
}

async function runCli(args: string[]): Promise<{ status: number; stderr: string }> {
  const lines: string[] = [];
  const status = await main(args, { out: () => undefined, err: (line) => lines.push(line) });
  return { status, stderr: lines.join("\n") };
}

describe("bad input through the command", () => {
  it.each([...BAD_CLINICS, { what: "an empty clinics folder", name: "", content: undefined, expected: /clinics: no clinic files/ }])(
    "$what: exit 2, the file and field named, the output unchanged",
    async ({ name, content, expected }) => {
      const data = await dataFolder(name ? { [name]: content } : {}, BAD_LOGOS);
      const out = await previousOutput();
      const before = await snapshot(out);
      const run = await runCli(["build", "--data", data, "--out", out]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(new RegExp(expected.source, "m"));
      if (name) expect(run.stderr).toContain(`clinics/${name}: `);
      expect(await snapshot(out)).toEqual(before);
      expect(await readdir(path.dirname(out))).toEqual(["site"]);
    },
  );
});

describe("the validator, fed random JSON", () => {
  it("never throws, and gives either a clinic or plain messages naming a field", async () => {
    const library = await loadLibrary(DEFAULT_LIBRARY);
    const schema = clinicSchema(library);
    const check = (value: unknown) => {
      const result = validateClinic(value, "x.json", schema);
      if ("clinic" in result) return typeof result.clinic.name === "string";
      return result.problems.length > 0 && result.problems.every((problem) => problem.file === "x.json" && problem.message.length > 0 && !/Invalid input|\[object/.test(problem.message));
    };
    fc.assert(fc.property(fc.jsonValue(), check), { numRuns: 500 });
    // Values shaped like clinic files, with random values in every field, reach deeper checks.
    const nearClinic = fc.record({
      name: fc.oneof(fc.string(), fc.jsonValue()),
      brand: fc.record({ primary: fc.oneof(fc.constantFrom("#1A5D8F", "#abc", "blue"), fc.string(), fc.jsonValue()) }),
      contact: fc.record({ phone: fc.oneof(fc.string(), fc.constant("(555) 010-0000"), fc.jsonValue()) }),
      languages: fc.oneof(fc.constant(["en"]), fc.array(fc.constantFrom("en", "es", "fr", "")), fc.jsonValue()),
      handouts: fc.oneof(fc.array(fc.constantFrom(...library.handoutIds, "nope")), fc.jsonValue()),
      notes: fc.dictionary(fc.constantFrom(...NOTE_NAMES, "other"), fc.oneof(fc.string(), fc.dictionary(fc.constantFrom("en", "es", "xx"), fc.string()), fc.jsonValue())),
    }, { requiredKeys: [] });
    fc.assert(fc.property(nearClinic, check), { numRuns: 500 });
  });
});

describe("clinic text is data", () => {
  let server: Awaited<ReturnType<typeof recordingServer>>;
  beforeAll(async () => {
    server = await recordingServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("escapes every clinic string, never evaluates template syntax in it, and lets nothing be fetched", async () => {
    // Short enough for the name's 120-character limit.
    const hostile = (field: string) => `${field} <script>alert(1)</script> <img src=x onerror=alert(1)> {{ 7*7 }} {% raw %}x{% endraw %}`;
    const frame = '"><iframe src="file:///etc/passwd"></iframe>';
    const note = `${hostile("note")}${frame}\n\n![pixel](${server.url}/note-image.png) <iframe src="${server.url}/frame"></iframe> <img src="file:///etc/passwd">\n\n[a link](javascript:alert(1))`;
    const clinic = {
      ...validClinic(),
      name: hostile("Name"),
      contact: { phone: "(555) 010-0000", address: hostile("Address") + frame },
      hours: { en: hostile("Hours"), es: hostile("Horario") },
      languages: ["en", "es"],
      handouts: ["your-visit", "infusion-overview", "getting-ready-checklist"],
      notes: Object.fromEntries(NOTE_NAMES.map((name) => [name, { en: note, es: note }])),
    };
    const out = path.join(await tempDir(), "site");
    const result = await build({ dataDir: await dataFolder({ "hostile.json": clinic }), outDir: out, concurrency: 2, cacheDir: false });
    expect(result.failures).toEqual([]);
    expect(server.requests).toEqual([]);
    const files = await readdir(out, { recursive: true });
    for (const file of files.filter((name) => /\.(?:html|css|json)$/.test(name))) {
      const text = await readFile(path.join(out, file), "utf8");
      // Escaped, the payload is harmless text; only a raw tag or a live link would be a hole.
      expect(text, file).not.toMatch(/<script|<img src=x|<iframe|href="javascript:|root:x:0:0/);
      expect(text, file).not.toMatch(/Name 49|note 49/);
    }
    const page = await readFile(path.join(out, "hostile/en/your-visit.html"), "utf8");
    expect(page).toContain("Name &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; {{ 7*7 }} {% raw %}x{% endraw %}");
    expect(page).toContain("note &lt;script&gt;");
    expect(page).not.toContain("note-image.png"); // the picture is dropped, its description kept
    expect(page).toMatch(/<p>pixel &lt;iframe/);
    const pdfText = (await readPdf(path.join(out, "hostile/en/your-visit.pdf"))).text;
    expect(pdfText).toContain("{{ 7*7 }}");
    expect(pdfText).not.toContain("root:x:0:0");
    const pages = files.filter((name) => name.endsWith(".html"));
    for (const file of pages) expect(await readFile(path.join(out, file), "utf8"), file).toContain(`content="default-src 'self'; script-src 'none'`);
  });
});

describe("an interrupted build", () => {
  /** Start a build of the examples and signal it once it has printed some PDFs into its staging folder. */
  async function interrupt(signal: NodeJS.Signals, out: string): Promise<{ code: number | null; pid: number }> {
    const child = spawn(process.execPath, [BIN, "build", "--data", "data", "--out", out, "--no-cache"], { stdio: "ignore" });
    const pid = child.pid as number;
    const staging = `${out}.building-${pid}`;
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    for (let tries = 0; tries < 400; tries++) {
      const printed = await readdir(path.join(staging, "riverside-pain", "en")).catch(() => [] as string[]);
      if (printed.some((file) => file.endsWith(".pdf"))) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    child.kill(signal);
    return { code: await exited, pid };
  }

  const chromiumOf = (pid: number) => {
    try {
      return execFileSync("pgrep", ["-f", `clinic-handouts-owner=${pid}`], { encoding: "utf8" }).trim();
    } catch {
      return ""; // pgrep exits 1 when nothing matches
    }
  };

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
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(chromiumOf(pid)).toBe("");
    const next = await build({ dataDir: path.join(FIXTURES, "basic"), outDir: out, cacheDir: false });
    expect(next.written).toBe(true);
    expect((await readdir(path.dirname(out))).sort()).toEqual(["site"]);
  });
});
