// Writes schema/clinic.schema.json from the zod schema and the shipped handout library (`npm run schema`).
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_LIBRARY } from "../src/build.ts";
import { clinicJsonSchema } from "../src/clinics/json-schema.ts";
import { loadLibrary } from "../src/content/library.ts";
import { PACKAGE_ROOT } from "../src/render/eleventy-config.ts";

export const SCHEMA_FILE = path.join(PACKAGE_ROOT, "schema", "clinic.schema.json");

export async function schemaText(): Promise<string> {
  return `${JSON.stringify(clinicJsonSchema(await loadLibrary(DEFAULT_LIBRARY)), null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeFile(SCHEMA_FILE, await schemaText());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
