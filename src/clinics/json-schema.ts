import { fileURLToPath } from "node:url";
import { z } from "zod";
import { clinicSchema, type LibraryIndex } from "./schema.ts";

/** The clinic schema as JSON Schema for editors, generated from the zod schema so the two never differ. */
export function clinicJsonSchema(library: LibraryIndex): Record<string, unknown> {
  const schema = z.toJSONSchema(clinicSchema(library), { target: "draft-7", io: "input", unrepresentable: "any" });
  return {
    ...schema,
    $id: "https://clinic-handouts.example/schema/clinic.schema.json",
    title: "Clinic handouts: clinic file",
    description: "One pain clinic: name, brand, contact details, languages and handouts. File name: data/clinics/<slug>.json.",
  };
}

/** Where the generated JSON Schema ships (`npm run schema` writes it); clinic files name it in `$schema`. */
export const CLINIC_SCHEMA_FILE = fileURLToPath(new URL("../../schema/clinic.schema.json", import.meta.url));
