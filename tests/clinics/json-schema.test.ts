import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { CLINIC_SCHEMA_FILE as SCHEMA_FILE } from "../../src/clinics/json-schema.ts";
import { schemaText } from "../../scripts/write-schema.ts";
import { EXAMPLE_CLINICS } from "../helpers/temp-data.ts";

describe("schema/clinic.schema.json", () => {
  it("is the JSON Schema generated from the zod schema (run `npm run schema` after changing it)", async () => {
    expect(await readFile(SCHEMA_FILE, "utf8")).toBe(await schemaText());
  });

  it("is named by every example clinic file", async () => {
    for (const name of EXAMPLE_CLINICS) {
      const clinic = JSON.parse(await readFile(`data/clinics/${name}.json`, "utf8"));
      expect(clinic.$schema).toBe("../../schema/clinic.schema.json");
    }
  });
});
