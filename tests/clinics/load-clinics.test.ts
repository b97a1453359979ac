import { writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIBRARY } from "../../src/build.ts";
import { loadClinics } from "../../src/clinics/load-clinics.ts";
import { loadLibrary, type Library } from "../../src/content/library.ts";
import { InputError } from "../../src/errors.ts";
import { dataFolder, validClinic } from "../helpers/temp-data.ts";

let library: Library;
beforeAll(async () => {
  library = await loadLibrary(DEFAULT_LIBRARY);
});

/** The messages loadClinics gives for a data folder, or [] when it accepts it. */
async function problemsFor(clinics: Record<string, unknown>): Promise<string[]> {
  const dir = await dataFolder(clinics);
  try {
    await loadClinics(dir, library);
    return [];
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return error.message.split("\n");
  }
}

function withChange(change: (clinic: Record<string, any>) => void): Record<string, unknown> { // eslint-style any: test fixtures poke at arbitrary fields
  const clinic = structuredClone(validClinic()) as Record<string, any>; // any: same reason
  change(clinic);
  return clinic;
}

describe("loadClinics", () => {
  it("accepts the example clinics shipped in data/", async () => {
    const clinics = await loadClinics("data", library);
    expect(clinics.map((clinic) => clinic.slug)).toEqual(["northgate-infusion", "riverside-pain", "sunrise-pain-center"]);
    expect(new Set(clinics.map((clinic) => clinic.paper))).toEqual(new Set(["Letter", "A4"]));
    expect(new Set(clinics.map((clinic) => clinic.brand.primary)).size).toBe(3);
  });

  it("accepts a valid clinic and fills in defaults", async () => {
    const dir = await dataFolder({ "test.json": validClinic() });
    const [clinic] = await loadClinics(dir, library);
    expect(clinic).toMatchObject({ slug: "test", name: "Test Pain Clinic", paper: "Letter", file: expect.stringMatching(/clinics\/test\.json$/) });
  });

  it("accepts a file that starts with a UTF-8 byte-order mark", async () => {
    expect(await problemsFor({ "bom.json": `\uFEFF${JSON.stringify(validClinic())}` })).toEqual([]);
  });

  const badFields: [string, (clinic: Record<string, any>) => void, RegExp][] = [ // any: fixtures change arbitrary fields
    ["a colour that is not hex", (c) => (c.brand.primary = "blu"), /: brand\.primary: "blu" is not a hex colour like #1A5D8F$/],
    ["a missing required field", (c) => delete c.contact.phone, /: contact\.phone: is required but missing$/],
    ["a missing name", (c) => delete c.name, /: name: is required but missing$/],
    ["a wrong type", (c) => (c.name = 42), /: name: should be text, not number 42$/],
    ["an empty name", (c) => (c.name = "  "), /: name: must not be empty$/],
    ["an absurdly long name", (c) => (c.name = "x".repeat(500)), /: name: is too long \(at most 120 characters\)$/],
    ["an unknown field with a near miss", (c) => (c.contact.afterHoursPhon = "(555) 010-0001"), /: contact\.afterHoursPhon: unknown field; did you mean "afterHoursPhone"\?$/],
    ["an unknown field with no near miss", (c) => (c.favouriteColour = "blue"), /: favouriteColour: unknown field; known fields: \$schema, name, logo, brand/],
    ["an unknown handout", (c) => (c.handouts = ["ketamine-magic"]), /: handouts\[0\]: "ketamine-magic" is not a known handout; use one of: infusion-overview, your-visit, side-effects, ketamine-infusion, lidocaine-infusion, getting-ready-checklist, infusion-what-to-expect$/],
    ["an unknown language", (c) => (c.languages = ["en", "fr"]), /: languages\[1\]: "fr" is not a known language; use one of: en, es$/],
    ["languages without en", (c) => (c.languages = ["es"]), /: languages: must include "en"$/],
    ["a handout listed twice", (c) => (c.handouts = ["infusion-what-to-expect", "infusion-what-to-expect"]), /: handouts: lists the same handout twice: infusion-what-to-expect$/],
    ["a paper size that is not offered", (c) => (c.paper = "A3"), /: paper: must be "Letter" or "A4"$/],
    ["a phone with no digits", (c) => (c.contact.phone = "call us"), /: contact\.phone: a phone number needs digits$/],
    ["a website that is not https", (c) => (c.contact.website = "javascript:alert(1)"), /: contact\.website: must be a web address starting with https:\/\/$/],
    ["a logo outside the data folder", (c) => (c.logo = "../../etc/passwd.svg"), /: logo: must be a PNG, JPEG or SVG file inside the data folder/],
    ["a logo that does not exist", (c) => (c.logo = "logos/missing.svg"), /: logo: file "logos\/missing\.svg" was not found in the data folder/],
    ["a note in an unknown language", (c) => (c.notes = { fasting: { de: "Nichts essen" } }), /: notes\.fasting\.de: unknown field/],
  ];

  it.each(badFields)("rejects %s, naming the file and field", async (_what, change, expected) => {
    const problems = await problemsFor({ "bad.json": withChange(change) });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/clinics\/bad\.json: /);
    expect(problems[0]).toMatch(expected);
  });

  it("rejects a file name that is not a slug", async () => {
    expect(await problemsFor({ "Bad Name.json": validClinic() })).toEqual([expect.stringMatching(/clinics\/Bad Name\.json: \(file name\): "Bad Name" is not a valid slug/)]);
  });

  it("gives the line and column of a JSON syntax error", async () => {
    const problems = await problemsFor({ "broken.json": '{\n  "name": "X",\n  "brand": { "primary": "#123456", }\n}' });
    expect(problems).toEqual([expect.stringMatching(/clinics\/broken\.json: invalid JSON at line 3, column 36: expected a field name in double quotes/)]);
  });

  it("reports every problem in every file at once", async () => {
    const problems = await problemsFor({
      "one.json": withChange((c) => {
        c.brand.primary = "red";
        delete c.contact;
      }),
      "two.json": withChange((c) => (c.languages = [])),
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

  it("rejects a logo that is not the image its name says", async () => {
    const dir = await dataFolder({ "clinic.json": withChange((c) => (c.logo = "logos/fake.png")) });
    await writeFile(path.join(dir, "logos", "fake.png"), "<html>not a picture</html>");
    await expect(loadClinics(dir, library)).rejects.toThrow(/clinic\.json: logo: "logos\/fake\.png" is not a PNG image/);
  });

  it("rejects an SVG logo with a script or an external reference", async () => {
    const dir = await dataFolder({
      "a.json": withChange((c) => (c.logo = "logos/script.svg")),
      "b.json": withChange((c) => (c.logo = "logos/remote.svg")),
    });
    await writeFile(path.join(dir, "logos", "script.svg"), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    await writeFile(path.join(dir, "logos", "remote.svg"), '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/x.png"/></svg>');
    await expect(loadClinics(dir, library)).rejects.toThrow(
      /a\.json: logo: "logos\/script\.svg" contains a <script>[\s\S]*b\.json: logo: "logos\/remote\.svg" links to another file or address/,
    );
  });
});
