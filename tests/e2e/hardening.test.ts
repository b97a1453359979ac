import { cp, lstat, mkdir, readdir, readFile, readlink, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.ts";
import { loadInputs } from "../../src/load-inputs.ts";
import { DEFAULT_LIBRARY } from "../../src/package.ts";
import { failureLine, main } from "../../src/cli.ts";
import { validateClinic } from "../../src/clinics/load-clinics.ts";
import { clinicSchema, NOTE_NAMES } from "../../src/clinics/schema.ts";
import { loadLibrary } from "../../src/content/library.ts";
import { renderSite } from "../../src/render/render-site.ts";
import { BAD_CLINICS, BAD_LOGOS, HOSTILE_SVG_LOGOS, NOT_IN_A_LOGO } from "../fixtures/bad-clinics.ts";
import { readPdf } from "../helpers/read-pdf.ts";
import { recordingServer } from "../helpers/recording-server.ts";
import { dataFolder, SpecialEntry, tempDir, validClinic } from "../helpers/temp-data.ts";
import { clinicSvgs, previousOutput, snapshot } from "../helpers/output-folders.ts";

/** Every entry under a folder, without following links: a file's content, a link's target, or that it is a folder. */
async function tree(dir: string): Promise<Record<string, string>> {
  const entries: Record<string, string> = {};
  for (const name of await readdir(dir, { recursive: true })) {
    const file = path.join(dir, name);
    const info = await lstat(file);
    entries[name] = info.isSymbolicLink() ? `-> ${await readlink(file)}` : info.isDirectory() ? "(folder)" : await readFile(file, "base64");
  }
  return entries;
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
      expect(run.stderr).not.toMatch(/--debug|\n\s+at /);
      expect(await snapshot(out)).toEqual(before);
      expect(await readdir(path.dirname(out))).toEqual(["site"]);
      // check reads the same way: a named pipe must not hang it.
      const checked = await runCli(["check", "--data", data]);
      expect(checked.status).toBe(2);
      expect(checked.stderr).toMatch(new RegExp(expected.source, "m"));
    },
  );

  it("lists every problem of every file, also when some files are not clinic files at all", async () => {
    const data = await dataFolder({ "folder.json": new SpecialEntry("folder"), "bad.json": "{", "good.json": validClinic() });
    const run = await runCli(["build", "--data", data, "--out", path.join(await tempDir(), "site")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /clinics\/bad\.json: invalid JSON[\s\S]*clinics\/folder\.json: is a folder, not a file[\s\S]*2 problem\(s\) found; nothing was written\./,
    );
  });
});

describe("an output folder the tool does not own", () => {
  let root: string;
  let project: string;
  let home: string;
  beforeAll(async () => {
    root = await tempDir();
    project = path.join(root, "project");
    await mkdir(path.join(project, ".git"), { recursive: true });
    await writeFile(path.join(project, ".git", "HEAD"), "ref: refs/heads/main\n");
    await writeFile(path.join(project, "package.json"), "{}\n");
    await cp(await dataFolder({ "one.json": validClinic() }), path.join(project, "data"), { recursive: true });
    await writeFile(path.join(project, "notes.txt"), "my notes\n");
    await writeFile(path.join(project, "afile"), "a file\n");
    await mkdir(path.join(project, "docs"));
    await writeFile(path.join(project, "docs", "readme.md"), "# Docs\n");
    await symlink(path.join(project, "data"), path.join(project, "data-link"));
    home = await tempDir("handouts-home-");
  });

  /** Run the command as someone would in the project's folder, with `home` as their home. */
  async function inProject(args: string[]) {
    const [cwd, realHome] = [process.cwd(), process.env.HOME];
    process.chdir(project);
    process.env.HOME = home;
    try {
      return await runCli(args);
    } finally {
      process.chdir(cwd);
      process.env.HOME = realHome;
    }
  }

  it.each([
    ["data", /^--out data: is the data folder \(data\); choose a folder of its own for the output, like --out _site$/m],
    [".", /^--out \.: is the folder you are working in; choose/m],
    ["", /^--out "": is empty \(is a variable unset\?\); name a folder for the output, like --out _site$/m],
    ["notes.txt", /^--out notes\.txt: is a file, not a folder; nothing was changed; choose/m],
    ["afile/site", /^--out afile\/site: afile is a file, not a folder; nothing was changed$/m],
    ["data/site", /^--out data\/site: is inside the data folder \(data\)/m],
    ["..", /^--out \.\.: holds the folder you are working in; choose/m],
    ["/", /^--out \/: is the root of the file system; choose/m],
    [
      "docs",
      /^--out docs: already holds 1 file\(s\) or folder\(s\) that this tool did not write \(it has no \.clinic-handouts file\); a build replaces its output folder whole, so choose a new folder, like --out _site, or empty this one first$/m,
    ],
    ["data-link", /^--out data-link: leads to .*\/project\/data, which is the data folder/m],
    ["~", /: is your home folder; choose/m],
  ])("--out %j: exit 2, the option and the reason named, nothing written or removed", async (out, expected) => {
    const before = await tree(root);
    const run = await inProject(["build", "--data", "data", "--out", out === "~" ? home : out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(expected);
    expect(run.stderr).toMatch(/1 problem\(s\) found; nothing was written\.$/);
    expect(await tree(root)).toEqual(before);
  });

  it("names a refused output together with every problem in the clinic files", async () => {
    await writeFile(path.join(project, "data", "clinics", "two.json"), "{");
    try {
      const run = await inProject(["build", "--data", "data", "--out", "data"]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(
        /^--out data: is the data folder[\s\S]*^data\/clinics\/two\.json: invalid JSON[\s\S]*2 problem\(s\) found/m,
      );
    } finally {
      await writeFile(path.join(project, "data", "clinics", "two.json"), JSON.stringify(validClinic()));
    }
  });
});

describe("mistakes of use that used to crash", () => {
  it("refuses a second build on the same output as a mistake of use: exit 2, no hint of a crash", async () => {
    const out = await previousOutput();
    await writeFile(`${out}.lock`, String(process.pid)); // a running process holds it
    const run = await runCli(["build", "--data", await dataFolder({ "one.json": validClinic() }), "--out", out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/another build \(process \d+\) is writing this output; wait for it to finish/);
    expect(run.stderr).not.toMatch(/--debug/);
  });

  it("new refuses a slug too long for a file name", async () => {
    const data = await dataFolder({});
    const run = await runCli(["new", "a".repeat(300), "--data", data, "--name", "Clinic", "--phone", "(555) 010-0000"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/\(file name\): a slug may be at most 64 characters, not 300/);
    expect(await readdir(path.join(data, "clinics"))).toEqual([]);
  });

  it("merge names an empty, a truncated or an outlandish part, and a missing folder", async () => {
    const out = path.join(await tempDir(), "site");
    await mkdir(out);
    await writeFile(path.join(out, "manifest.part-1-of-3.json"), "");
    await writeFile(path.join(out, "manifest.part-2-of-3.json"), '{ "handouts": [ { "clinic": "a"');
    await writeFile(
      path.join(out, "manifest.part-3-of-3.json"),
      JSON.stringify({
        handouts: [{ clinic: "a", handout: "b", lang: "en", variant: "standard", pdf: "../../etc/passwd", sha256: "0".repeat(64) }],
      }),
    );
    const run = await runCli(["merge", "--out", out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/manifest\.part-1-of-3\.json: invalid JSON at line 1, column 1: expected a value/);
    expect(run.stderr).toMatch(/manifest\.part-2-of-3\.json: invalid JSON at line 1, column \d+: /);
    expect(run.stderr).toMatch(/manifest\.part-3-of-3\.json: handouts\[0\]\.pdf: must be a path inside the output folder/);
    const missing = await runCli(["merge", "--out", path.join(out, "nowhere")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--out .*nowhere: folder not found; copy every shard's output into it first/);
  });

  it("names the print size of each failure", () => {
    const failure = { clinic: "riverside-pain", handout: "side-effects", lang: "es", error: "took too long" };
    expect(failureLine({ ...failure, variant: "standard" })).toBe(
      "failed: riverside-pain / side-effects (es, standard print): took too long",
    );
    expect(failureLine({ ...failure, variant: "large-print" })).toBe(
      "failed: riverside-pain / side-effects (es, large print): took too long",
    );
  });
});

describe("the validator, fed random JSON", () => {
  it("never throws, and gives either a clinic or plain messages naming a field", async () => {
    const library = await loadLibrary(DEFAULT_LIBRARY);
    const schema = clinicSchema(library);
    const check = (value: unknown) => {
      const result = validateClinic(value, "x.json", schema);
      if ("clinic" in result) return typeof result.clinic.name === "string";
      return (
        result.problems.length > 0 &&
        result.problems.every(
          (problem) => problem.file === "x.json" && problem.message.length > 0 && !/Invalid input|\[object/.test(problem.message),
        )
      );
    };
    fc.assert(fc.property(fc.jsonValue(), check), { numRuns: 500 });
    // Values shaped like clinic files, with random values in every field, reach deeper checks.
    const nearClinic = fc.record(
      {
        name: fc.oneof(fc.string(), fc.jsonValue()),
        brand: fc.record({ primary: fc.oneof(fc.constantFrom("#1A5D8F", "#abc", "blue"), fc.string(), fc.jsonValue()) }),
        contact: fc.record({ phone: fc.oneof(fc.string(), fc.constant("(555) 010-0000"), fc.jsonValue()) }),
        languages: fc.oneof(fc.constant(["en"]), fc.array(fc.constantFrom("en", "es", "fr", "")), fc.jsonValue()),
        handouts: fc.oneof(fc.array(fc.constantFrom(...library.handoutIds, "nope")), fc.jsonValue()),
        notes: fc.dictionary(
          fc.constantFrom(...NOTE_NAMES, "other"),
          fc.oneof(fc.string(), fc.dictionary(fc.constantFrom("en", "es", "xx"), fc.string()), fc.jsonValue()),
        ),
      },
      { requiredKeys: [] },
    );
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
    // keepGoing: with every note this long, the one-page checklist cannot fit, and fails; its page is still published.
    const result = await build({
      dataDir: await dataFolder({ "hostile.json": clinic }),
      outDir: out,
      concurrency: 2,
      cacheDir: false,
      keepGoing: true,
    });
    for (const failure of result.failures)
      expect(failure).toMatchObject({
        handout: "getting-ready-checklist",
        variant: "standard",
        error: expect.stringMatching(/one-page sheet/),
      });
    expect(server.requests).toEqual([]);
    const files = await readdir(out, { recursive: true });
    for (const file of files.filter((name) => /\.(?:html|css|json)$/.test(name))) {
      const text = await readFile(path.join(out, file), "utf8");
      // Escaped, the payload is harmless text; only a raw tag or a live link would be a hole.
      expect(text, file).not.toMatch(/<script|<img src=x|<iframe|href="javascript:|root:x:0:0/);
      expect(text, file).not.toMatch(/Name 49|note 49/);
    }
    const page = await readFile(path.join(out, "hostile/en/your-visit.html"), "utf8");
    expect(page).toContain(
      "Name &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; {{ 7*7 }} {% raw %}x{% endraw %}",
    );
    expect(page).toContain("note &lt;script&gt;");
    expect(page).not.toContain("note-image.png"); // the picture is dropped, its description kept
    expect(page).toMatch(/<p>pixel &lt;iframe/);
    const pdfText = (await readPdf(path.join(out, "hostile/en/your-visit.pdf"))).text;
    expect(pdfText).toContain("{{ 7*7 }}");
    expect(pdfText).not.toContain("root:x:0:0");
    const pages = files.filter((name) => name.endsWith(".html"));
    for (const file of pages)
      expect(await readFile(path.join(out, file), "utf8"), file).toContain(`content="default-src 'self'; script-src 'none'`);
  });
});

describe("hostile SVG logos, as the site publishes them", () => {
  it("publishes each one as a PNG holding none of it, and fetches nothing", async () => {
    const server = await recordingServer();
    try {
      const logos = Object.fromEntries(
        Object.entries(HOSTILE_SVG_LOGOS).map(([name, text]) => [name, text.replaceAll("{url}", server.url)]),
      );
      const slugOf = (name: string) => name.replace(/\.svg$/, "");
      const clinics = Object.fromEntries(
        Object.keys(logos).map((name) => [`${slugOf(name)}.json`, { ...validClinic(), logo: `logos/${name}` }]),
      );
      const out = path.join(await tempDir(), "site");
      await renderSite(await loadInputs({ dataDir: await dataFolder(clinics, logos) }), out);
      for (const name of Object.keys(logos)) {
        const logo = await readFile(path.join(out, slugOf(name), "logo.png"));
        expect(logo.subarray(1, 4).toString(), name).toBe("PNG");
        expect(logo.toString("latin1"), name).not.toMatch(NOT_IN_A_LOGO);
      }
      expect(clinicSvgs(await readdir(out, { recursive: true }))).toEqual([]);
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe("a one-page sheet that does not fit", () => {
  it("fails the build (exit 1), named once with its print size and page count; the previous output stays", async () => {
    const long = "Do not eat or drink anything but clear liquids before your visit, and ask us about your medicines. ".repeat(19);
    const data = await dataFolder({
      "long.json": { ...validClinic(), handouts: ["getting-ready-checklist"], notes: { fasting: long.trim() } },
    });
    const out = await previousOutput();
    const before = await snapshot(out);
    const run = await runCli(["build", "--data", data, "--out", out, "--no-cache"]);
    expect(run.status).toBe(1);
    expect(run.stderr.match(/^failed: .*$/gm)).toEqual([
      "failed: long / getting-ready-checklist (en, standard print): printed on 3 pages, but it is a one-page sheet (with the language help on its back); shorten the clinic's notes or contact details",
    ]);
    expect(run.stderr).toMatch(/1 handout\(s\) failed and 1 printed; .*site was left as it was/);
    expect(await snapshot(out)).toEqual(before);
  });
});
