// Writes schema/clinic.schema.json from the zod schema and the shipped handout library (`npm run schema`).
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_LIBRARY } from "../src/package.ts";
import { CLINIC_SCHEMA_FILE, clinicJsonSchema } from "../src/clinics/json-schema.ts";
import { loadLibrary } from "../src/content/library.ts";

export async function schemaText(): Promise<string> {
  return `${JSON.stringify(clinicJsonSchema(await loadLibrary(DEFAULT_LIBRARY)), null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeFile(CLINIC_SCHEMA_FILE, await schemaText());
  console.log(`wrote ${path.relative(process.cwd(), CLINIC_SCHEMA_FILE)}`);
}
