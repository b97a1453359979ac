import { execFile } from "node:child_process";
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { FIXTURES, tempDir } from "../helpers/temp-data.ts";

const run = promisify(execFile);
const ROOT = path.join(import.meta.dirname, "..", "..");

describe("the package, from a new project's own code", () => {
  it("runs the README's example with plain node in a fresh `npm init -y` project, printing progress", async () => {
    const project = await tempDir("handouts-user-");
    await run("npm", ["init", "-y"], { cwd: project });
    await run("npm", ["install", "--no-audit", "--no-fund", "--offline", ROOT], { cwd: project });
    await cp(path.join(FIXTURES, "basic"), path.join(project, "data"), { recursive: true });
    // One clinic, one language, its short one-page checklist: two PDFs to print.
    await rm(path.join(project, "data", "clinics", "hilltop.json"));
    const lakesideFile = path.join(project, "data", "clinics", "lakeside.json");
    const lakeside = JSON.parse(await readFile(lakesideFile, "utf8"));
    await writeFile(lakesideFile, JSON.stringify({ ...lakeside, languages: ["en"], handouts: ["getting-ready-checklist"] }));
    const readme = await readFile(path.join(ROOT, "README.md"), "utf8");
    const example = /```js\n(import \{ build, check, InputError \} from "clinic-handouts";[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    // pdfjs, which checks the PDFs, adds slow stand-ins for built-ins this Node lacks (Uint8Array.fromBase64, which
    // Puppeteer then decodes every PDF with) to the thread that loads it: never to the caller's.
    const builtIns = `\nconsole.log("Uint8Array.fromBase64:", typeof Uint8Array.fromBase64);\n`;
    await writeFile(path.join(project, "build-handouts.mjs"), (example as string) + builtIns);
    const { stdout } = await run(process.execPath, ["build-handouts.mjs"], { cwd: project, env: { ...process.env, FORCE_COLOR: "0" } });
    expect(stdout).toMatch(/^1 handouts checked \[\]$/m);
    expect(stdout).toMatch(/^1\/2 printed$/m);
    expect(stdout).toMatch(/^2\/2 (printed|reused)$/m);
    expect(stdout).toMatch(/^2 PDFs; report: .*_site\/report\.html/m);
    const { stdout: plain } = await run(process.execPath, ["-p", "typeof Uint8Array.fromBase64"]);
    expect(stdout).toContain(`Uint8Array.fromBase64: ${plain}`);
    const manifest = JSON.parse(await readFile(path.join(project, "_site", "manifest.json"), "utf8"));
    expect(manifest.handouts).toHaveLength(2);
  }, 120_000);
});
