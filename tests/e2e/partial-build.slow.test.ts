import { cp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.ts";
import { FIXTURES, tempDir } from "../helpers/temp-data.ts";

/** Every file under a folder with its content. */
async function snapshot(dir: string, under = ""): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(path.join(dir, under), { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files[path.relative(dir, path.join(entry.parentPath, entry.name))] = await readFile(
        path.join(entry.parentPath, entry.name),
        "base64",
      );
  }
  return files;
}

/** `handouts build` as staff run it, in this process: its exit status and what it printed. */
async function handouts(args: string[]): Promise<{ status: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { status, out: out.join("\n"), err: err.join("\n") };
}

describe("a build of one clinic into an existing output", () => {
  let dataDir: string;
  let outDir: string;
  let build: (...extra: string[]) => ReturnType<typeof handouts>;
  beforeAll(async () => {
    const root = await tempDir();
    dataDir = path.join(root, "data");
    outDir = path.join(root, "site");
    await cp(path.join(FIXTURES, "basic"), dataDir, { recursive: true });
    // Lakeside with its short one-page checklist only, in its two languages: six PDFs in all, with hilltop's two.
    const lakesideFile = path.join(dataDir, "clinics", "lakeside.json");
    await writeFile(
      lakesideFile,
      JSON.stringify({ ...JSON.parse(await readFile(lakesideFile, "utf8")), handouts: ["getting-ready-checklist"] }),
    );
    build = (...extra) => handouts(["build", "--data", dataDir, "--out", outDir, "--cache-dir", path.join(root, "cache"), ...extra]);
    expect((await build()).status).toBe(0);
  });

  it("updates that clinic and keeps every other clinic's pages, PDFs, manifest entries, report rows and home-page card", async () => {
    const lakesideBefore = await snapshot(outDir, "lakeside");
    const manifestBefore = JSON.parse(await readFile(path.join(outDir, "manifest.json"), "utf8"));
    const clinicFile = path.join(dataDir, "clinics", "hilltop.json");
    const hilltop = JSON.parse(await readFile(clinicFile, "utf8"));
    await writeFile(clinicFile, JSON.stringify({ ...hilltop, contact: { phone: "+44 20 7946 0999" } }));

    const partial = await build("--clinic", "hilltop");
    expect(partial.status).toBe(0);
    expect(partial.out).toMatch(/6 handout PDF\(s\), .*: 2 printed, 0 reused from cache, 4 kept as they were, 0 failed/);
    expect(await snapshot(outDir, "lakeside")).toEqual(lakesideBefore);
    const manifest = JSON.parse(await readFile(path.join(outDir, "manifest.json"), "utf8"));
    const lakeside = (entries: { clinic: string }[]) => entries.filter((entry) => entry.clinic === "lakeside");
    expect(lakeside(manifest.handouts)).toEqual(lakeside(manifestBefore.handouts));
    expect(manifest.handouts).toHaveLength(manifestBefore.handouts.length);
    expect(await readFile(path.join(outDir, "hilltop", "en", "infusion-what-to-expect.html"), "utf8")).toContain("+44 20 7946 0999");
    const home = await readFile(path.join(outDir, "index.html"), "utf8");
    expect(home).toContain('href="lakeside/index.html"');
    expect(home).toContain('href="hilltop/index.html"');
    const report = await readFile(path.join(outDir, "report.html"), "utf8");
    expect(report.match(/kept from the previous build<\/td>/g)).toHaveLength(4);
    // The next full build finds every PDF in the print cache: nothing to print.
    expect((await build()).out).toMatch(/: 0 printed, 6 reused from cache, 0 failed/);
  });

  it("keeps the other language when it builds one, and its pages still link to each other", async () => {
    const partial = await build("--clinic", "lakeside", "--lang", "es");
    expect(partial.out).toMatch(/ 2 reused from cache, 4 kept as they were/);
    const english = await readFile(path.join(outDir, "lakeside", "en", "getting-ready-checklist.html"), "utf8");
    for (const [, href] of english.matchAll(/href="([^"#:]+\.(?:html|pdf))"/g)) {
      await expect(readFile(path.join(outDir, "lakeside", "en", href as string)), href).resolves.toBeDefined();
    }
    const clinicPage = await readFile(path.join(outDir, "lakeside", "index.html"), "utf8");
    for (const lang of ["en", "es"]) expect(clinicPage).toContain(`href="${lang}/getting-ready-checklist.pdf"`);
  });

  it("no longer publishes a clinic whose file was removed from the data folder", async () => {
    await rm(path.join(dataDir, "clinics", "lakeside.json"));
    expect((await build("--clinic", "hilltop")).status).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(outDir, "manifest.json"), "utf8"));
    expect(new Set(manifest.handouts.map((entry: { clinic: string }) => entry.clinic))).toEqual(new Set(["hilltop"]));
    expect(await readdir(outDir)).not.toContain("lakeside");
  });
});
