import { fileURLToPath } from "node:url";
import { z } from "zod";
import { clinicSchema, SLUG_PATTERN, type LibraryIndex } from "./schema.ts";

/** The clinic schema as JSON Schema for editors, generated from the zod schema so the two never differ. */
export function clinicJsonSchema(library: LibraryIndex): Record<string, unknown> {
  const schema = z.toJSONSchema(clinicSchema(library), { target: "draft-7", io: "input", unrepresentable: "any" });
  return {
    ...(withOwnHandouts(schema, library.handoutIds) as Record<string, unknown>),
    $id: "https://clinic-handouts.example/schema/clinic.schema.json",
    title: "Clinic handouts: clinic file",
    description: "One pain clinic: name, brand, contact details, languages and handouts. File name: data/clinics/<slug>.json.",
  };
}

/** Where the generated JSON Schema ships (`npm run schema` writes it); clinic files name it in `$schema`. */
export const CLINIC_SCHEMA_FILE = fileURLToPath(new URL("../../schema/clinic.schema.json", import.meta.url));

/**
 * A clinic may also list handouts of its own (data/content/<slug>/handouts/<id>.json), which no schema file can
 * know: wherever a library handout id is expected, any id of the right form is accepted too, and the library's
 * ids are still offered as completions. The build checks that a clinic's own handout exists.
 */
function withOwnHandouts(node: unknown, handoutIds: readonly string[]): unknown {
  if (Array.isArray(node)) return node.map((item) => withOwnHandouts(item, handoutIds));
  if (node === null || typeof node !== "object") return node;
  const object = node as Record<string, unknown>;
  if (Array.isArray(object.enum) && object.enum.join("\n") === handoutIds.join("\n")) {
    return {
      anyOf: [
        { type: "string", enum: handoutIds, description: "A handout of the library." },
        {
          type: "string",
          pattern: SLUG_PATTERN.source,
          description: "A handout of the clinic's own, in data/content/<slug>/handouts/<id>.json.",
        },
      ],
    };
  }
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, withOwnHandouts(value, handoutIds)]));
}
