import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIBRARY } from "../../src/package.ts";
import { loadClinics } from "../../src/clinics/load-clinics.ts";
import { loadLibrary, type Library } from "../../src/content/library.ts";
import { InputError } from "../../src/errors.ts";
import { BAD_CLINICS, BAD_LOGOS, changed } from "../fixtures/bad-clinics.ts";
import { dataFolder, EXAMPLE_CLINICS, validClinic } from "../helpers/temp-data.ts";

let library: Library;
beforeAll(async () => {
  library = await loadLibrary(DEFAULT_LIBRARY);
});

/** The messages loadClinics gives for a data folder, or [] when it accepts it. */
async function problemsFor(clinics: Record<string, unknown>, logos: Record<string, string | Buffer> = {}): Promise<string[]> {
  const dir = await dataFolder(clinics, logos);
  try {
    await loadClinics(dir, library);
    return [];
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return error.message.split("\n");
  }
}

describe("loadClinics", () => {
  it("accepts the example clinics shipped in data/ (and any other valid clinic file staff add there)", async () => {
    const examples = (await loadClinics("data", library)).filter((clinic) => EXAMPLE_CLINICS.includes(clinic.slug));
    expect(examples.map((clinic) => clinic.slug)).toEqual(EXAMPLE_CLINICS);
    expect(new Set(examples.map((clinic) => clinic.paper))).toEqual(new Set(["Letter", "A4"]));
    expect(new Set(examples.map((clinic) => clinic.brand.primary)).size).toBe(3);
  });

  it("accepts a valid clinic and fills in defaults", async () => {
    const dir = await dataFolder({ "test.json": validClinic() });
    const [clinic] = await loadClinics(dir, library);
    expect(clinic).toMatchObject({
      slug: "test",
      name: "Test Pain Clinic",
      paper: "Letter",
      file: expect.stringMatching(/clinics\/test\.json$/),
    });
  });

  it("accepts a file that starts with a UTF-8 byte-order mark", async () => {
    expect(await problemsFor({ "bom.json": `\uFEFF${JSON.stringify(validClinic())}` })).toEqual([]);
  });

  it.each(BAD_CLINICS)("rejects $what, naming the file and field", async ({ name, content, expected, count }) => {
    const problems = await problemsFor({ [name]: content }, BAD_LOGOS);
    expect(problems).toHaveLength(count ?? 1);
    for (const problem of problems) expect(problem).toMatch(new RegExp(`clinics/${name.replace(".", "\\.")}: `));
    expect(problems).toContainEqual(expect.stringMatching(expected));
  });

  it("reports every problem in every file at once", async () => {
    const problems = await problemsFor({
      "one.json": changed((c) => {
        c.brand.primary = "red";
        delete c.contact;
      }),
      "two.json": changed((c) => (c.languages = [])),
      "three.json": "not json",
    });
    expect(problems).toEqual([
      expect.stringMatching(/one\.json: brand\.primary: "red" is not a hex colour/),
      expect.stringMatching(/one\.json: contact: is required but missing/),
      expect.stringMatching(/three\.json: invalid JSON at line 1, column 1: unexpected character/),
      expect.stringMatching(/two\.json: languages: needs at least one language/),
    ]);
  });

  it("rejects an empty clinics folder", async () => {
    expect(await problemsFor({})).toEqual([expect.stringMatching(/clinics: no clinic files \(\*\.json\) found/)]);
  });
});
