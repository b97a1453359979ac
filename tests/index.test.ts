import path from "node:path";
import { describe, expect, it } from "vitest";
// The package by its own name, as a clinic system's code would import it.
import { build, check, createClinicFile, dev, InputError, mergeManifests } from "clinic-handouts";
import { FIXTURES } from "./helpers/temp-data.ts";

describe("the programmatic API", () => {
  it("exports build, check, dev, new and merge", () => {
    for (const fn of [build, check, dev, createClinicFile, mergeManifests]) expect(typeof fn).toBe("function");
  });

  it("check reports every handout's reading grade and the colours it had to darken, without a browser", async () => {
    const result = await check({ dataDir: path.join(FIXTURES, "basic") });
    expect(result.problems).toEqual([]);
    expect(result.handouts.map((handout) => `${handout.clinic}/${handout.handout}/${handout.lang}`)).toEqual([
      "hilltop/infusion-what-to-expect/en",
      "lakeside/ketamine-infusion/en",
      "lakeside/ketamine-infusion/es",
      "lakeside/getting-ready-checklist/en",
      "lakeside/getting-ready-checklist/es",
    ]);
    expect(result.handouts[0]?.contrastFixes).toEqual([{ field: "brand.primary", given: "#FFD700", used: "#8F7400" }]);
    for (const handout of result.handouts) expect(handout.readability?.grade).toBeGreaterThan(0);
    expect(result.warnings).toEqual([expect.stringMatching(/hilltop\.json: brand\.primary: #FFD700 is too light/)]);
  });

  it("check throws InputError naming the file and field of a bad clinic", async () => {
    await expect(check({ dataDir: path.join(FIXTURES, "nowhere") })).rejects.toBeInstanceOf(InputError);
  });
});
