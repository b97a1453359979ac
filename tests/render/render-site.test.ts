import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadInputs } from "../../src/build.ts";
import { renderSite } from "../../src/render/render-site.ts";
import { dataFolder, tempDir, validClinic } from "../helpers/temp-data.ts";

describe("renderSite", () => {
  it("gives every clinic its logo, also when clinics share one logo file", async () => {
    const clinic = { ...validClinic(), logo: "logos/hill.png" };
    const inputs = await loadInputs({ dataDir: await dataFolder({ "first.json": clinic, "second.json": clinic }) });
    const out = path.join(await tempDir(), "site");
    await renderSite(inputs, out);
    const original = await readFile(path.join(inputs.clinics[0]?.logoFile ?? ""));
    expect(await readFile(path.join(out, "first", "logo.png"))).toEqual(original);
    expect(await readFile(path.join(out, "second", "logo.png"))).toEqual(original);
  });
});
