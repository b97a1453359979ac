import { execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export const FIXTURES = path.join(import.meta.dirname, "..", "fixtures");

/**
 * The example clinics shipped in data/. Tests of the examples name them, so a clinic that staff add to
 * data/clinics/ (as the README says) neither breaks the tests nor slows them down.
 */
export const EXAMPLE_CLINICS = ["northgate-infusion", "riverside-pain", "sunrise-pain-center"];

/** A fresh temporary folder. */
export function tempDir(prefix = "handouts-test-"): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** A valid clinic file's content; tests change one field at a time. */
export function validClinic(): Record<string, unknown> {
  return {
    name: "Test Pain Clinic",
    brand: { primary: "#1A5D8F" },
    contact: { phone: "(555) 010-0000" },
    languages: ["en"],
    handouts: ["infusion-what-to-expect"],
  };
}

/** A clinics/ entry that is not a plain file: a folder, a named pipe, or a symbolic link to `target`. */
export class SpecialEntry {
  constructor(
    readonly kind: "folder" | "fifo" | "symlink",
    readonly target = "",
  ) {}
}

/**
 * A data folder holding the given clinic files (name → JSON value, raw text, raw bytes, or a SpecialEntry),
 * and logos copied from the fixtures plus any given.
 */
export async function dataFolder(clinics: Record<string, unknown>, logos: Record<string, string | Buffer> = {}): Promise<string> {
  const dir = await tempDir("handouts-data-");
  await mkdir(path.join(dir, "clinics"));
  await cp(path.join(FIXTURES, "basic", "logos"), path.join(dir, "logos"), { recursive: true });
  for (const [name, content] of Object.entries(logos)) {
    if (name.endsWith("/")) await mkdir(path.join(dir, "logos", name));
    else await writeFile(path.join(dir, "logos", name), content);
  }
  for (const [name, content] of Object.entries(clinics)) await writeEntry(path.join(dir, "clinics", name), content);
  return dir;
}

async function writeEntry(file: string, content: unknown): Promise<void> {
  if (content instanceof SpecialEntry) {
    if (content.kind === "folder") await mkdir(file);
    else if (content.kind === "fifo") execFileSync("mkfifo", [file]);
    else await symlink(content.target, file);
    return;
  }
  await writeFile(file, typeof content === "string" || Buffer.isBuffer(content) ? content : JSON.stringify(content, null, 2));
}
