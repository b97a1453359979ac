import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadInputs } from "../../src/load-inputs.ts";
import { renderSite } from "../../src/render/render-site.ts";
import { dataFolder, tempDir, validClinic } from "../helpers/temp-data.ts";

describe("renderSite", () => {
  it("gives every clinic its logo, also when clinics share one logo file", async () => {
    const clinic = { ...validClinic(), logo: "logos/hill.png" };
    const inputs = await loadInputs({ dataDir: await dataFolder({ "first.json": clinic, "second.json": clinic }) });
    const out = path.join(await tempDir(), "site");
    await renderSite(inputs, out);
    const rebuilt = inputs.clinics[0]?.logoImage?.bytes;
    expect(rebuilt?.subarray(1, 4).toString()).toBe("PNG");
    expect(await readFile(path.join(out, "first", "logo.png"))).toEqual(rebuilt);
    expect(await readFile(path.join(out, "second", "logo.png"))).toEqual(rebuilt);
  });

  it("renders the same site whether the handout pages go through Eleventy all at once or a few at a time", async () => {
    const inputs = await loadInputs({ dataDir: path.join("tests", "fixtures", "basic") });
    const [whole, inBatches] = [path.join(await tempDir(), "whole"), path.join(await tempDir(), "batches")];
    await renderSite(inputs, whole, {}, inputs.site.handoutPages.length);
    await renderSite(inputs, inBatches, {}, 3);
    const files = await readdir(whole, { recursive: true });
    const home = await readFile(path.join(inBatches, "index.html"), "utf8");
    for (const clinic of inputs.site.clinics) expect(home).toContain(`href="${clinic.pagePath}"`);
    // Every handout page, the home page, and each clinic's main page and page per language.
    expect(files.filter((file) => file.endsWith(".html")).length).toBe(
      inputs.site.handoutPages.length + inputs.site.clinicPages.length + 1,
    );
    expect((await readdir(inBatches, { recursive: true })).sort()).toEqual([...files].sort());
    for (const file of files.filter((name) => /\.(html|css)$/.test(name))) {
      expect(await readFile(path.join(inBatches, file), "utf8"), file).toBe(await readFile(path.join(whole, file), "utf8"));
    }
  });
});
