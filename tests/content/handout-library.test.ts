import { cp, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.ts";
import { loadInputs } from "../../src/load-inputs.ts";
import { DEFAULT_LIBRARY } from "../../src/package.ts";
import { NOTE_NAMES } from "../../src/clinics/schema.ts";
import { checkReadingLevel, DEFAULT_MAX_READING_GRADE } from "../../src/content/check-reading-level.ts";
import { LibraryError } from "../../src/errors.ts";
import { renderSitePages } from "../../src/render/render-site.ts";
import { dataFolder, FIXTURES, tempDir, validClinic } from "../helpers/temp-data.ts";

const ALL_HANDOUTS = [
  "infusion-overview",
  "your-visit",
  "side-effects",
  "ketamine-infusion",
  "lidocaine-infusion",
  "getting-ready-checklist",
  "infusion-what-to-expect",
];

/** Every language of the library, English first. */
const ALL_LANGUAGES = ["en", "es", "zh-Hans", "vi", "ar"];

/** One clinic with every optional field and note (in English and Spanish), one with none; both in every language. */
async function everyHandoutData(): Promise<string> {
  const notes = Object.fromEntries(
    NOTE_NAMES.map((name) => [name, { en: `Note ${name} for patients.`, es: `Nota ${name} para pacientes.` }]),
  );
  return dataFolder({
    "full.json": {
      ...validClinic(),
      name: "Full Notes Clinic",
      logo: "logos/lake.svg",
      contact: {
        phone: "(555) 010-1111",
        afterHoursPhone: "(555) 010-2222",
        email: "a@b.example",
        website: "https://b.example",
        address: "1 Main St",
      },
      hours: "Weekdays",
      languages: ALL_LANGUAGES,
      handouts: ALL_HANDOUTS,
      notes,
    },
    "bare.json": {
      ...validClinic(),
      name: "Bare Clinic",
      contact: { phone: "(555) 010-3333" },
      languages: ALL_LANGUAGES,
      handouts: ALL_HANDOUTS,
    },
  });
}

describe("the handout library", () => {
  let inputs: Awaited<ReturnType<typeof loadInputs>>;
  let pages: { url: string; content: string }[];
  beforeAll(async () => {
    inputs = await loadInputs({ dataDir: await everyHandoutData() });
    pages = await renderSitePages(inputs);
  });

  it("has at least the seven handouts of the library, each in every language", () => {
    expect(inputs.library.handoutIds).toEqual(expect.arrayContaining(ALL_HANDOUTS));
    expect([...inputs.library.languages].sort()).toEqual([...ALL_LANGUAGES].sort());
    expect(inputs.site.handoutPages).toHaveLength(2 * ALL_LANGUAGES.length * 2 * ALL_HANDOUTS.length);
  });

  it("renders every section of every handout, filled in, with no empty heading", () => {
    for (const handoutPage of inputs.site.handoutPages) {
      const page = pages.find((candidate) => candidate.url === `/${handoutPage.htmlPath}`);
      const where = handoutPage.htmlPath;
      expect(page, where).toBeDefined();
      const html = page?.content ?? "";
      const definition = inputs.library.handouts.find((handout) => handout.id === handoutPage.handoutId);
      for (const section of definition?.sections ?? []) expect(html, `${where} ${section}`).toContain(`aria-labelledby="${section}"`);
      expect(html, where).not.toMatch(/\{\{|\{%|%\}|\}\}/);
      expect(html, where).not.toMatch(/\b(?:undefined|null|NaN)\b|\[object Object\]/);
      // A heading followed straight by the end of its section, or by a heading of its own level or higher, has nothing under it.
      expect(html, where).not.toMatch(/<\/h[2-4]>\s*<\/section>/);
      for (const [, level, next] of html.matchAll(/<\/h([2-4])>\s*<h([2-4])[\s>]/g))
        expect(Number(next), where).toBeGreaterThan(Number(level));
      expect(html, where).not.toMatch(/<(p|li|dd)>\s*<\/\1>/);
      const clinic =
        handoutPage.clinicSlug === "full"
          ? { name: "Full Notes Clinic", phone: "(555) 010-1111" }
          : { name: "Bare Clinic", phone: "(555) 010-3333" };
      expect(html, where).toContain(clinic.name);
      expect(html, where).toContain(clinic.phone);
      expect(html, where).toContain(`<html lang="${handoutPage.lang}" dir="${handoutPage.lang === "ar" ? "rtl" : "ltr"}">`);
    }
  });

  it("puts each clinic note in its handout, in the handout's language, and general wording where a clinic has none", () => {
    const page = (url: string) => pages.find((candidate) => candidate.url === url)?.content ?? "";
    expect(page("/full/en/your-visit.html")).toContain("Note fasting for patients.");
    expect(page("/full/es/your-visit.html")).toContain("Nota fasting para pacientes.");
    expect(page("/full/en/infusion-overview.html")).toContain("Note cost for patients.");
    expect(page("/bare/en/your-visit.html")).toContain("Call us before your visit to ask if you may eat or drink that day.");
    expect(page("/bare/es/your-visit.html")).toContain("Llámenos antes de su cita para preguntar si puede comer o beber ese día.");
    expect(page("/bare/en/infusion-overview.html")).toContain("ask us what your insurance covers");
  });

  it("ends every handout with the contact block, the last-reviewed date, the sources and the disclaimer", () => {
    for (const handoutPage of inputs.site.handoutPages) {
      const html = pages.find((candidate) => candidate.url === `/${handoutPage.htmlPath}`)?.content ?? "";
      const ui = handoutPage.ui;
      expect(html).toMatch(
        new RegExp(
          `<h2 id="contact">${ui.contactTitle}</h2>[\\s\\S]*${ui.disclaimer}[\\s\\S]*<time datetime="\\d{4}-\\d{2}-\\d{2}">[\\s\\S]*${ui.sources}[\\s\\S]*<li>.+</li>`,
        ),
      );
    }
  });

  it("links each handout page to its other language", () => {
    const english = pages.find((candidate) => candidate.url === "/full/en/side-effects.html")?.content ?? "";
    expect(english).toMatch(/<a [^>]*lang="es" hreflang="es" href="\.\.\/es\/side-effects\.html">Español<\/a>/);
  });

  it('keeps every English handout at or below grade 8 and Spanish at INFLESZ "normal" or easier, and measures no language without a formula', () => {
    const measured = checkReadingLevel(inputs.site.handoutPages, inputs.clinics, inputs.library, DEFAULT_MAX_READING_GRADE);
    expect(measured.size).toBe(inputs.site.handoutPages.length / 2); // large print has the same words
    for (const [key, { readability }] of measured) {
      if (key.includes("/en/")) expect(readability?.grade, key).toBeLessThanOrEqual(8);
      else if (key.includes("/es/"))
        expect(readability?.ease, key).toBeGreaterThanOrEqual(55); // INFLESZ "normal" or easier
      else expect(readability, `${key}: no validated formula, so not measured`).toBeUndefined();
    }
  });
});

describe("the reading-level gate", () => {
  it("fails the build, naming the handout and its hardest section, when a section is written at college level", async () => {
    const library = path.join(await tempDir(), "library");
    await cp(path.dirname(DEFAULT_LIBRARY.contentDir), path.join(library, "templates"), { recursive: true });
    await cp(DEFAULT_LIBRARY.handoutsDir, path.join(library, "handouts"), { recursive: true });
    const section = path.join(library, "templates", "content", "en", "sections", "ketamine-is-it-right-for-you.md");
    await writeFile(
      section,
      `---\ntitle: Contraindications\nlastReviewed: 2026-11-24\nnextReview: 2027-11-24\nsources: [{ name: "test fixture", url: "https://example.org/" }]\n---\n` +
        "Intravenous ketamine administration necessitates comprehensive preprocedural cardiovascular evaluation, " +
        "particularly regarding uncontrolled hypertension, decompensated ischemic cardiomyopathy, and elevated intracranial or intraocular pressure, " +
        "notwithstanding considerable interindividual variability in pharmacodynamic susceptibility.\n\n".repeat(20),
    );
    const outDir = path.join(await tempDir(), "site");
    const attempt = build({
      dataDir: path.join(FIXTURES, "basic"),
      outDir,
      library: { handoutsDir: path.join(library, "handouts"), contentDir: path.join(library, "templates", "content") },
    });
    await expect(attempt).rejects.toThrow(LibraryError);
    await expect(attempt).rejects.toThrow(
      /lakeside\/en\/ketamine-infusion: reading grade \d+(\.\d)? is above the maximum of 8 \(Flesch-Kincaid\)[\s\S]*hardest sections: ketamine-is-it-right-for-you/,
    );
    await expect(attempt).rejects.not.toThrow(/lakeside\/en\/getting-ready-checklist/);
  });
});
