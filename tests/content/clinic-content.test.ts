import { readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/check.ts";
import { renderHandout } from "../../src/content/render-handout.ts";
import { InputError, LibraryError } from "../../src/errors.ts";
import { loadInputs } from "../../src/load-inputs.ts";
import { frontMatter, ownContentData } from "../fixtures/own-content.ts";

/** The rendered sections of a handout for a clinic of a data folder, as one HTML string. */
async function sectionsHtml(dataDir: string, clinicSlug: string, handoutId: string): Promise<string> {
  const { clinics, library } = await loadInputs({ dataDir, asOf: "2026-12-01" });
  const clinic = clinics.find((each) => each.slug === clinicSlug);
  if (!clinic) throw new Error(`no clinic ${clinicSlug}`);
  return renderHandout(library, clinic, "en", handoutId)
    .sections.map((section) => `<h2>${section.title}</h2>${section.html}`)
    .join("\n");
}

/** The messages loading a data folder gives, one per line. */
async function problemsOf(dataDir: string): Promise<string[]> {
  try {
    await loadInputs({ dataDir, asOf: "2026-12-01" });
  } catch (error) {
    if (error instanceof InputError || error instanceof LibraryError) return error.message.split("\n");
    throw error;
  }
  return [];
}

describe("a clinic's own handouts and sections", () => {
  it("fills the documented placeholders, shows raw HTML and template syntax as written, and shows the clinic's own picture, rebuilt", async () => {
    const html = await sectionsHtml(await ownContentData(), "own", "our-suite");
    expect(html).toContain("Come to Own &#38; Co &#60;Clinic&#62; at 1 Lake Road.");
    expect(html).toContain('<a href="tel:5550104242" dir="ltr">(555) 010-4242</a>');
    expect(html).toContain("&lt;script&gt;document.title = 'evaluated'&lt;/script&gt;&lt;b&gt;not bold&lt;/b&gt;");
    expect(html).not.toMatch(/<script|<b>/);
    expect(html).toContain("Seven times 191 is {{ 7*191 }}, {% if true %}shown as written{% endif %} and {{ clinic.unknown }}.");
    expect(html).not.toContain("1337");
    expect(html).toMatch(
      /<img class="clinic-picture" src="\.\.\/pictures\/[0-9a-f]{12}\.png" alt="A map of the car park" width="\d+" height="\d+">/,
    );
  });

  it("replaces a library section for the clinic that wrote it, and for no other clinic", async () => {
    const dataDir = await ownContentData();
    const own = await sectionsHtml(dataDir, "own", "infusion-what-to-expect");
    const plain = await sectionsHtml(dataDir, "plain", "infusion-what-to-expect");
    expect(own).toContain("When to get help at Own");
    expect(own).toContain("Call 911 for a real emergency.");
    expect(plain).not.toContain("When to get help at Own");
    expect(plain).toContain(
      (await readFile("templates/content/en/sections/when-to-get-help.md", "utf8")).match(/^title: "?([^"\n]+)"?$/m)?.[1],
    );
  });

  it("names the replaced library wording and its review date among the build's warnings", async () => {
    const { warnings } = await loadInputs({ dataDir: await ownContentData(), asOf: "2026-12-01" });
    const reviewed = (await readFile("templates/content/en/sections/when-to-get-help.md", "utf8")).match(/^lastReviewed: "?([\d-]+)/m)?.[1];
    expect(warnings).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `content/own/en/sections/when-to-get-help\\.md: replaces the library's "when-to-get-help" \\(en\\) for own only; the library's wording was last reviewed on ${reviewed}`,
        ),
      ),
    );
  });

  it("lists the clinic's own handout on its pages, after the library's, with its own title", async () => {
    const { site } = await loadInputs({ dataDir: await ownContentData(), asOf: "2026-12-01" });
    const own = site.clinics.find((clinic) => clinic.slug === "own");
    expect(own?.handouts.map((entry) => [entry.id, entry.versions[0]?.title])).toEqual([
      ["infusion-what-to-expect", expect.any(String)],
      ["our-suite", "Our infusion suite"],
    ]);
    expect(site.clinics.find((clinic) => clinic.slug === "plain")?.handouts.map((entry) => entry.id)).toEqual(["infusion-what-to-expect"]);
  });

  it("fails the build naming the clinic's file when its wording is at college level", async () => {
    const hard =
      "Intravenous ketamine administration necessitates comprehensive preprocedural cardiovascular evaluation, particularly regarding " +
      "uncontrolled hypertension and decompensated ischemic cardiomyopathy, notwithstanding interindividual variability.\n\n";
    const dataDir = await ownContentData({ "own/en/sections/our-suite-where.md": frontMatter("Where we are") + hard.repeat(5) });
    const result = await check({ dataDir, asOf: "2026-12-01" });
    expect(result.problems).toEqual([
      expect.stringMatching(
        /^own\/en\/our-suite: reading grade .* hardest sections: .*content\/own\/en\/sections\/our-suite-where\.md \(grade/,
      ),
    ]);
  });

  it("stops at a clinic section past its review date, naming its file", async () => {
    const stale = "---\ntitle: Where we are\nlastReviewed: 2024-01-01\nnextReview: 2025-01-01\n---\nCome in.\n";
    const problems = await problemsOf(await ownContentData({ "own/en/sections/our-suite-where.md": stale }));
    expect(problems).toContainEqual(
      expect.stringMatching(/content\/own\/en\/sections\/our-suite-where\.md: nextReview: 2025-01-01 has passed/),
    );
  });

  it.each([
    [
      "a field of the front matter",
      "own/en/sections/our-suite-where.md",
      "---\ntitle: Where\nlastReviewed: soon\nnextReview: 2027-11-28\n---\nHi.\n",
      /our-suite-where\.md: lastReviewed: must be a date like 2026-11-28/,
    ],
    [
      "JavaScript front matter, never run",
      "own/en/sections/our-suite-where.md",
      "---js\n{ title: process.exit(7) }\n---\nHi.\n",
      /our-suite-where\.md: \(front matter\): must be plain YAML after "---", not "js"/,
    ],
    [
      "a handout with a library handout's id",
      "own/handouts/pain-diary.json",
      '{ "title": { "en": "x" }, "summary": { "en": "x" }, "sections": ["our-suite-where"] }',
      /handouts\/pain-diary\.json: \(file name\): "pain-diary" is a library handout/,
    ],
    [
      "a section that does not exist",
      "own/handouts/our-suite.json",
      '{ "title": { "en": "x" }, "summary": { "en": "x" }, "sections": ["nowhere"] }',
      /handouts\/our-suite\.json: sections\[0\]: no section "nowhere"/,
    ],
    [
      "a misspelt field",
      "own/handouts/our-suite.json",
      '{ "titel": { "en": "x" }, "summary": { "en": "x" }, "sections": ["our-suite-where"] }',
      /our-suite\.json: titel: unknown field; did you mean "title"\?/,
    ],
    [
      "a picture from another folder",
      "own/en/sections/our-suite-where.md",
      frontMatter("Where") + "![Logo](../../../logos/lake.svg)\n",
      /our-suite-where\.md: picture "\.\.\/\.\.\/\.\.\/logos\/lake\.svg": pictures must be files in the clinic's own folder/,
    ],
    [
      "a picture on the web",
      "own/en/sections/our-suite-where.md",
      frontMatter("Where") + "![Logo](https://example.org/x.png)\n",
      /our-suite-where\.md: picture "https:\/\/example\.org\/x\.png": pictures must be files in the clinic's own folder/,
    ],
    [
      "a picture without a description",
      "own/en/sections/our-suite-where.md",
      frontMatter("Where") + "![](pictures/map.png)\n",
      /our-suite-where\.md: picture "pictures\/map\.png": needs a description/,
    ],
    [
      "a replaced library section without sources",
      "own/en/sections/when-to-get-help.md",
      frontMatter("Help") + "Call us.\n",
      /when-to-get-help\.md: sources: replaces the library's section "when-to-get-help"/,
    ],
  ])("refuses %s with file: field: message", async (_what, name, text, expected) => {
    expect(await problemsOf(await ownContentData({ [name]: text }))).toContainEqual(expect.stringMatching(expected));
  });

  it("refuses a picture file that is not the picture it claims to be, naming the section", async () => {
    const dataDir = await ownContentData({
      "own/pictures/fake.png": "<svg xmlns='http://www.w3.org/2000/svg'/>",
      "own/en/sections/our-suite-where.md": frontMatter("Where") + "![Map](pictures/fake.png)\n",
    });
    expect(await problemsOf(dataDir)).toContainEqual(
      expect.stringMatching(/our-suite-where\.md: picture "pictures\/fake\.png": "pictures\/fake\.png" is not a PNG image/),
    );
  });

  it("refuses a placeholder whose value the clinic file does not give", async () => {
    const dataDir = await ownContentData({
      "own/en/sections/our-suite-where.md": frontMatter("Where") + "Call {{ clinic.afterHoursPhone }} at night.\n",
    });
    expect(await problemsOf(dataDir)).toContainEqual(
      expect.stringMatching(
        /our-suite-where\.md: \{\{ clinic\.afterHoursPhone \}\}: clinics\/own\.json has no contact\.afterHoursPhone|own\.json has no contact\.afterHoursPhone/,
      ),
    );
  });

  it("needs the title of a clinic handout in every language the clinic publishes", async () => {
    const dataDir = await ownContentData();
    const clinicFile = path.join(dataDir, "clinics", "own.json");
    const clinic = JSON.parse(await readFile(clinicFile, "utf8")) as Record<string, unknown>;
    await writeFile(clinicFile, JSON.stringify({ ...clinic, languages: ["en", "es"] }));
    const problems = await problemsOf(dataDir);
    expect(problems).toContainEqual(
      expect.stringMatching(/handouts\/our-suite\.json: title\.es: is missing; .*own\.json publishes its handouts in "es"/),
    );
  });

  it("shows a section written only in English on a Spanish page, marked as English", async () => {
    const dataDir = await ownContentData({
      "own/handouts/our-suite.json": JSON.stringify({
        title: { en: "Suite", es: "Sala" },
        summary: { en: "Where.", es: "Dónde." },
        sections: ["our-suite-where"],
      }),
    });
    const clinicFile = path.join(dataDir, "clinics", "own.json");
    const clinic = JSON.parse(await readFile(clinicFile, "utf8")) as Record<string, unknown>;
    await writeFile(clinicFile, JSON.stringify({ ...clinic, languages: ["en", "es"] }));
    await mkdir(path.join(dataDir, "content", "own", "es"), { recursive: true });
    const { clinics, library } = await loadInputs({ dataDir, asOf: "2026-12-01" });
    const document = renderHandout(
      library,
      clinics.find((each) => each.slug === "own")!,
      "es",
      "our-suite",
    );
    expect(document.title).toBe("Sala");
    expect(document.sections[0]).toMatchObject({ id: "our-suite-where", lang: "en", title: "Where we are" });
  });
});
