import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { LibraryLocation } from "../../src/content/library.ts";
import { DEFAULT_LIBRARY } from "../../src/package.ts";
import { tempDir } from "./temp-data.ts";

/** A copy of the shipped handout library, for a test to change. */
export async function libraryCopy(): Promise<LibraryLocation> {
  const root = path.join(await tempDir(), "library");
  const library = { handoutsDir: path.join(root, "handouts"), contentDir: path.join(root, "content") };
  await cp(DEFAULT_LIBRARY.handoutsDir, library.handoutsDir, { recursive: true });
  await cp(DEFAULT_LIBRARY.contentDir, library.contentDir, { recursive: true });
  return library;
}

/** Put a section (the same text in every language of the library) first in a handout. */
export async function addSectionFirst(library: LibraryLocation, handoutId: string, sectionId: string, markdown: string): Promise<void> {
  const languages = (await readdir(library.contentDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  for (const lang of languages) await writeFile(path.join(library.contentDir, lang, "sections", `${sectionId}.md`), markdown);
  const definition = path.join(library.handoutsDir, `${handoutId}.json`);
  const handout = JSON.parse(await readFile(definition, "utf8")) as { sections: string[] };
  await writeFile(definition, JSON.stringify({ ...handout, sections: [sectionId, ...handout.sections] }));
}
