import { access, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { displayPath } from "../clinics/load-clinics.ts";
import { slugProblem } from "../clinics/schema.ts";
import { InputError } from "../errors.ts";
import { addDays, isoToday } from "../iso-dates.ts";
import type { LibraryIndex } from "../clinics/schema.ts";

/** The two files `handouts new-handout` writes, relative to the data folder. */
export function clinicHandoutFiles(clinicSlug: string, handoutId: string) {
  return {
    handout: path.join("content", clinicSlug, "handouts", `${handoutId}.json`),
    section: path.join("content", clinicSlug, "en", "sections", `${handoutId}.md`),
  };
}

/** The starting handout: its title and summary, and the one section it is made of; comments say what goes where. */
function handoutText(clinicSlug: string, handoutId: string): string {
  return `{
  // A handout of your clinic's own. Publish it by adding "${handoutId}" to "handouts" in clinics/${clinicSlug}.json.
  // Title and summary: one per language the clinic publishes, like "es": "…" (English is required).
  "title": {
    "en": "About your visit to our clinic"
  },
  "summary": {
    "en": "One line that says what this handout is for."
  },
  // Its sections, in order: files in ../<lang>/sections/<id>.md. A library section's id (such as
  // "when-to-get-help") uses the library's wording, unless you write your own file with that id.
  "sections": ["${handoutId}"]
}
`;
}

/** The starting section, reviewed today: YAML comments explain it, since the text below shows every character as written. */
function sectionText(today: string): string {
  return `---
# The section's heading.
title: "What to know before you come"
# The day a clinician or editor last checked this text, and when it must be checked again.
lastReviewed: ${today}
nextReview: ${addDays(today, 365)}
# The public sources a medical statement rests on (a section about parking needs none):
# sources:
#   - name: "Name of the source"
#     url: "https://…"
---

Write what patients need to know, in short sentences and everyday words.
Use **bold** for the one thing not to miss.

- Lists work like this.
- Our phone number is written in for you: {{ clinic.phone }}.
`;
}

/**
 * Write a starting handout and section for a clinic, in <data>/content/<clinic>/. Never overwrites a file;
 * a clinic that does not exist or an id that is taken is an InputError, and then nothing is written.
 */
export async function createClinicHandout(
  dataDir: string,
  clinicSlug: string,
  handoutId: string,
  library: LibraryIndex,
): Promise<string[]> {
  const files = clinicHandoutFiles(clinicSlug, handoutId);
  const problems = [];
  const clinicFile = path.join(dataDir, "clinics", `${clinicSlug}.json`);
  if (!(await exists(clinicFile)))
    problems.push({
      file: displayPath(clinicFile),
      field: "",
      message: `no such clinic file; create it first with: handouts new ${clinicSlug}`,
    });
  const badId =
    slugProblem(handoutId) ??
    (library.handoutIds.includes(handoutId) || handoutId === "index"
      ? `"${handoutId}" is taken by the library; choose another id`
      : undefined);
  if (badId) problems.push({ file: "(command line)", field: "<id>", message: badId });
  for (const file of Object.values(files))
    if (await exists(path.join(dataDir, file)))
      problems.push({ file: displayPath(path.join(dataDir, file)), field: "", message: "already exists; it is never overwritten" });
  if (problems.length > 0) throw new InputError(problems);
  const written = [path.join(dataDir, files.handout), path.join(dataDir, files.section)];
  const texts = [handoutText(clinicSlug, handoutId), sectionText(isoToday())];
  for (const [index, file] of written.entries()) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, texts[index] as string, { flag: "wx" });
  }
  return written;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
