import { execFile } from "node:child_process";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli.ts";
import { snapshot } from "../helpers/output-folders.ts";
import { dataFolder, FIXTURES, tempDir, validClinic } from "../helpers/temp-data.ts";

const BIN = path.join(import.meta.dirname, "..", "..", "bin", "handouts.js");

/** The real `handouts` command in a process of its own, with `input` on its standard input (as a script gives it). */
function spawned(args: string[], input = ""): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { ...process.env, FORCE_COLOR: "0" } }, (error, stdout, stderr) =>
      resolve({ status: error ? (error.code as number) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

/**
 * The command as the process runs it (its `main`), in this process: the same parsing, messages and exit status,
 * without starting Node and loading the tool again for each call. Nobody answers questions, as in a script.
 */
async function handouts(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  const text = (lines: string[]) => lines.map((line) => `${line}\n`).join("");
  return { status, stdout: text(out), stderr: text(err) };
}

describe("handouts build", () => {
  it("builds a data folder into an output folder and exits 0", async () => {
    const out = path.join(await tempDir(), "site");
    // One clinic in one language (with a brand colour to darken) and its short one-page checklist: two PDFs.
    const hilltop = JSON.parse(await readFile(path.join(FIXTURES, "basic", "clinics", "hilltop.json"), "utf8"));
    const data = await dataFolder({ "hilltop.json": { ...hilltop, handouts: ["getting-ready-checklist"] } });
    const run = await handouts(["build", "--data", data, "--out", out, "--cache-dir", path.join(path.dirname(out), "cache")]);
    expect(run.stderr).toMatch(/warning: .*hilltop\.json: brand\.primary/);
    expect(run.stdout).toMatch(/2 handout PDF\(s\), \d+ pages, in .*: 2 printed, 0 reused from cache, 0 failed/);
    expect(run.status).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8"));
    expect(manifest.handouts).toHaveLength(2);
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
    expect(run.stderr).toMatch(/clinics\/second\.json: languages\[1\]: "xx" is not a known language; use one of: ar, en, es, vi, zh-Hans/);
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
    expect(unknown.stderr).toMatch(/unknown command "bild"; did you mean "build"\?[\s\S]*Try: handouts build --help/);
    const badNumber = await handouts(["build", "--concurrency", "zero"]);
    expect(badNumber.status).toBe(2);
    expect(badNumber.stderr).toMatch(/--concurrency takes a whole number/);
  });
});

describe("every command", () => {
  it.each(["build", "check", "new", "dev", "merge"])("%s --help says how to use it and exits 0", async (command) => {
    const run = await handouts([command, "--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: handouts ${command}`));
    expect(run.stdout).toMatch(/Options:/);
  });

  it("answers bad usage of each command with exit 2 and a hint", async () => {
    const cases: [string[], RegExp][] = [
      [["check", "--bogus"], /Unknown option '--bogus'[\s\S]*Try: handouts check --help/],
      [["new"], /say which clinic to create, like: handouts new lakeside-pain/],
      [["new", "lakeside", "pain"], /one slug at a time/],
      [["dev", "--port", "eighty"], /--port takes a whole number/],
      [
        ["build", "--clinic", "nowhere", "--data", path.join(FIXTURES, "basic")],
        /--clinic: "nowhere" is not a known clinic; use one of: hilltop, lakeside/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await handouts(args);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toMatch(message);
      expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
    }
  });
});

describe("a newcomer's first clinic: new, then check, then build", () => {
  it("creates a commented clinic file, checks it, and builds only that clinic", async () => {
    const work = await tempDir();
    const data = path.join(work, "data");
    const created = await handouts([
      "new",
      "lakeside-pain",
      "--data",
      data,
      "--name",
      "Lakeside Pain Clinic",
      "--phone",
      "(555) 010-4242",
      "--paper",
      "a4",
    ]);
    expect(created.stderr).toBe("");
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/Created .*clinics\/lakeside-pain\.json\. Next:[\s\S]*npm run dev/);
    const file = path.join(data, "clinics", "lakeside-pain.json");
    const text = await readFile(file, "utf8");
    expect(text).toMatch(/"\$schema": ".*schema\/clinic\.schema\.json"/);
    expect(text).toMatch(/\/\/ The clinic's name as patients know it\./);
    expect(text).toContain('"paper": "A4"');

    const again = await handouts(["new", "lakeside-pain", "--data", data, "--name", "Other", "--phone", "(555) 010-0000"]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/lakeside-pain\.json: already exists/);
    expect(await readFile(file, "utf8")).toBe(text);

    const noTerminal = await handouts(["new", "second-clinic", "--data", data, "--phone", "(555) 010-0000"]);
    expect(noTerminal.status).toBe(2);
    expect(noTerminal.stderr).toMatch(/--name is needed \(no terminal to ask on, and no answer left on standard input\)/);

    const before = await snapshot(work);
    const checked = await handouts(["check", "--data", data]);
    expect(await snapshot(work)).toEqual(before);
    expect((await handouts(["check", "--data", path.join(FIXTURES, "basic")])).status).toBe(0);
    expect(await snapshot(work)).toEqual(before); // check writes nothing, not even a clinic's logo
    expect(checked.stderr).toBe("");
    expect(checked.status).toBe(0);
    expect(checked.stdout).toMatch(/lakeside-pain \/ infusion-overview \(en\): reading grade \d+(\.\d)? \(flesch-kincaid\)/);
    expect(checked.stdout).toMatch(/8 handout\(s\) checked: ready to build/);

    const out = path.join(work, "site");
    const built = await handouts([
      "build",
      "--data",
      data,
      "--out",
      out,
      "--cache-dir",
      path.join(work, "cache"),
      "--handout",
      "your-visit",
      "--handout",
      "side-effects",
    ]);
    expect(built.stderr).toBe("");
    expect(built.status).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8"));
    expect(manifest.handouts.map((entry: { handout: string; variant: string }) => `${entry.handout} ${entry.variant}`)).toEqual([
      "side-effects standard",
      "side-effects large-print",
      "your-visit standard",
      "your-visit large-print",
    ]);
    const report = await readFile(path.join(out, "report.html"), "utf8");
    for (const entry of manifest.handouts) expect(report).toContain(`href="${entry.html}"`);
  });

  it("new checks each typed answer and asks again until it is right, then writes the file", async () => {
    const data = path.join(await tempDir(), "data");
    const typed = ["", "Lakeside Pain Clinic", "abc", "(555) 010-1111", "8E24AA", ""];
    const asked: string[] = [];
    const errors: string[] = [];
    const answers = () => ({
      interactive: true,
      next: async (question: string) => (asked.push(question), typed.shift()),
      close: () => undefined,
    });
    const status = await main(["new", "lakeside-pain", "--data", data], {
      out: () => undefined,
      err: (line) => errors.push(line),
      answers,
    });
    expect(status).toBe(0);
    expect(asked.map((question) => question.split(/[ ,]/)[0])).toEqual(["Clinic", "Clinic", "Phone", "Phone", "Brand", "Paper"]);
    expect(errors).toEqual(["  name: is needed. Please try again.", "  phone: a phone number needs digits. Please try again."]);
    const text = await readFile(path.join(data, "clinics", "lakeside-pain.json"), "utf8");
    expect(text).toContain('"name": "Lakeside Pain Clinic"');
    expect(text).toContain('"phone": "(555) 010-1111"');
    expect(text).toContain('"primary": "#8E24AA"');
    expect(text).toContain('"paper": "Letter"');
  });

  it("new takes the answers piped on standard input, one per line in the order asked, and refuses a wrong one", async () => {
    const data = path.join(await tempDir(), "data");
    const made = await spawned(["new", "piped", "--data", data], "Piped Clinic\n(555) 010-7777\n8E24AA\na4\n");
    expect(made.status).toBe(0);
    const text = await readFile(path.join(data, "clinics", "piped.json"), "utf8");
    expect(text).toMatch(/"name": "Piped Clinic"[\s\S]*"primary": "#8E24AA"[\s\S]*"phone": "\(555\) 010-7777"[\s\S]*"paper": "A4"/);
    const wrong = await spawned(["new", "wrong", "--data", data], "Wrong Clinic\nno digits here\n");
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/the phone on standard input: a phone number needs digits/);
    expect(await readdir(path.join(data, "clinics"))).toEqual(["piped.json"]);
  });

  it.each(["https://handouts.example.org/", "https://example.com/handouts", "https://clinic.example/", "http://localhost:8080/"])(
    "new and check warn that the site address %s is an example address the QR codes would lead nowhere from",
    async (url) => {
      const data = await dataFolder({ "one.json": validClinic() });
      await writeFile(path.join(data, "site.json"), JSON.stringify({ url }));
      const checked = await handouts(["check", "--data", data]);
      expect(checked.status).toBe(0);
      expect(checked.stderr).toMatch(
        /warning: .*site\.json: url: .* is an example address, so the QR code and web address on every printed handout lead nowhere; set the address the site is published at, or delete the file/,
      );
      const created = await handouts(["new", "two", "--data", data, "--name", "Two", "--phone", "(555) 010-0002"]);
      expect(created.status).toBe(0);
      expect(created.stderr).toMatch(/warning: .*site\.json: url: .* is an example address/);
    },
  );

  it("says nothing about a real site address", async () => {
    const data = await dataFolder({ "one.json": validClinic() });
    await writeFile(path.join(data, "site.json"), JSON.stringify({ url: "https://handouts.lakeside.clinic/" }));
    expect((await handouts(["check", "--data", data])).stderr).toBe("");
  });

  it("check exits 2 and names the field when site.json is wrong", async () => {
    const data = await dataFolder({ "one.json": validClinic() });
    await writeFile(path.join(data, "site.json"), JSON.stringify({ url: "handouts.example.org", colour: "blue" }));
    const run = await handouts(["check", "--data", data]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/site\.json: url: must be the web address the site is published at, starting with https:\/\//);
    expect(run.stderr).toMatch(/site\.json: colour: /);
  });

  it("check exits 2 and names the handout when its reading grade is too high", async () => {
    const run = await handouts(["check", "--data", path.join(FIXTURES, "basic"), "--max-grade", "1"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/lakeside\/en\/[a-z-]+: reading grade [\d.]+ is above the maximum of 1/);
    expect(run.stderr).toMatch(/a build would refuse to start/);
    expect(run.stderr).toMatch(/warning: .*hilltop\.json: brand\.primary: #FFD700 is too light/);
  });
});
