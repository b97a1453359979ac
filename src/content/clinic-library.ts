import type { Clinic } from "../clinics/load-clinics.ts";
import { displayPath } from "../clinics/load-clinics.ts";
import type { InputProblem } from "../errors.ts";
import type { ClinicContent } from "./clinic-content.ts";
import type { Library, Section } from "./library.ts";

/** The library with each clinic's own content laid over it, for that clinic alone (see libraryFor). */
export function withClinicContent(library: Library, contents: ReadonlyMap<string, ClinicContent>): Library {
  if (contents.size === 0) return library;
  return { ...library, clinics: new Map([...contents].map(([slug, content]) => [slug, clinicLibrary(library, content)])) };
}

/**
 * One clinic's library: the library's handouts then its own, and its sections first. A section the clinic wrote
 * only in English stands in for the other languages too (marked as English on the page): the clinic chose its words.
 */
function clinicLibrary(library: Library, content: ClinicContent): Library {
  const handouts = [...library.handouts, ...content.handouts];
  const languagePacks = new Map(
    [...library.languagePacks].map(([lang, pack]) => [lang, { ...pack, handouts: { ...pack.handouts, ...handoutStrings(content, lang) } }]),
  );
  const own = (lang: string, id: string): Section | undefined => content.sections.get(`${lang}/${id}`) ?? content.sections.get(`en/${id}`);
  return {
    ...library,
    handouts,
    handoutIds: handouts.map((handout) => handout.id),
    languagePacks,
    section: (lang, id) => own(lang, id) ?? library.section(lang, id),
    sections: () => [...library.sections(), ...content.sections.values()],
    clinics: new Map(),
  };
}

/** Titles and summaries of the clinic's handouts in a language (checked to exist where published: see missingTranslations). */
function handoutStrings(content: ClinicContent, lang: string): Record<string, { title: string; summary: string }> {
  return Object.fromEntries(
    content.handouts.map((handout) => [handout.id, { title: handout.title[lang] ?? "", summary: handout.summary[lang] ?? "" }]),
  );
}

/** A clinic handout published in a language must have its title and summary in that language. */
export function missingTranslations(clinic: Clinic, content: ClinicContent | undefined): InputProblem[] {
  if (!content) return [];
  return content.handouts
    .filter((handout) => clinic.handouts.includes(handout.id))
    .flatMap((handout) =>
      clinic.languages.flatMap((lang) =>
        (["title", "summary"] as const)
          .filter((field) => handout[field][lang] === undefined)
          .map((field) => ({
            file: handout.file,
            field: `${field}.${lang}`,
            message: `is missing; ${clinic.file} publishes its handouts in "${lang}"`,
          })),
      ),
    );
}

/**
 * What the report tells staff about a clinic that replaced library wording: which section, and when the
 * library's wording was last reviewed (a later review of it will not reach this clinic's handouts).
 */
export function replacedSections(clinic: Clinic, content: ClinicContent | undefined, library: Library): string[] {
  if (!content) return [];
  const libraryIds = library.sectionIds();
  return [...content.sections.values()]
    .filter((section) => libraryIds.has(section.id) && clinic.languages.includes(section.lang))
    .flatMap((section) => {
      const replaced = [...library.sections()].find((candidate) => candidate.id === section.id && candidate.lang === section.lang);
      if (!replaced) return [];
      return [
        `${displayPath(section.file)}: replaces the library's "${section.id}" (${section.lang}) for ${clinic.slug} only; the library's wording was last reviewed on ${replaced.lastReviewed}`,
      ];
    });
}
