import { displayPath, type Clinic } from "../clinics/load-clinics.ts";
import { LibraryError } from "../errors.ts";
import type { Library } from "./library.ts";
import { renderHandout } from "./render-handout.ts";
import { measureReadability, type Readability } from "./reading-grade.ts";

/** The highest Flesch-Kincaid grade an English handout may have; grade 6–7 is the aim. */
export const DEFAULT_MAX_READING_GRADE = 8;

/** One clinic × handout × language × print size, as the pages that are rendered and printed name it. */
export interface HandoutKey {
  clinicSlug: string;
  handoutId: string;
  lang: string;
  variant: string;
}

/** Key of a handout page in the readability map. */
export const pageKey = (page: Omit<HandoutKey, "variant">) => `${page.clinicSlug}/${page.lang}/${page.handoutId}`;

/** What measuring a handout as the patient reads it tells: how hard it is (where a formula exists) and its content version. */
export interface HandoutMeasure {
  readability?: Readability;
  contentVersion: string;
}

/** Measures of each handout page by pageKey, and a message for each English one above the maximum. */
export interface ReadingLevels {
  measured: Map<string, HandoutMeasure>;
  problems: string[];
}

/**
 * Measure every handout page as the patient will read it (clinic notes included) and fail with
 * every English handout above `maxGrade`, naming its hardest sections. Runs before anything is written.
 */
export function checkReadingLevel(
  pages: readonly HandoutKey[],
  clinics: readonly Clinic[],
  library: Library,
  maxGrade: number,
): Map<string, HandoutMeasure> {
  const { measured, problems } = measureReadingLevels(pages, clinics, library, maxGrade);
  if (problems.length > 0) throw new LibraryError(problems);
  return measured;
}

/** Measure every handout page, and describe each English one above `maxGrade` by its hardest sections. */
export function measureReadingLevels(
  pages: readonly HandoutKey[],
  clinics: readonly Clinic[],
  library: Library,
  maxGrade: number,
): ReadingLevels {
  const clinicsBySlug = new Map(clinics.map((clinic) => [clinic.slug, clinic]));
  const measured = new Map<string, HandoutMeasure>();
  const problems: string[] = [];
  // Large print has the same words as standard print: measured once, under the same key.
  for (const page of pages.filter((candidate) => candidate.variant === "standard")) {
    const clinic = clinicsBySlug.get(page.clinicSlug) as Clinic;
    const document = renderHandout(library, clinic, page.lang, page.handoutId);
    const readability = measureReadability(document.sections.map((section) => section.html).join("\n"), page.lang);
    measured.set(pageKey(page), { contentVersion: document.contentVersion, ...(readability ? { readability } : {}) });
    if (readability && page.lang === "en" && readability.grade > maxGrade) {
      const hardest = document.sections
        .map((section) => ({
          id: section.file ? displayPath(section.file) : section.id,
          grade: measureReadability(section.html, page.lang)?.grade ?? 0,
        }))
        .sort((a, b) => b.grade - a.grade)
        .slice(0, 3)
        .map((section) => `${section.id} (grade ${section.grade})`);
      problems.push(
        `${pageKey(page)}: reading grade ${readability.grade} is above the maximum of ${maxGrade} (Flesch-Kincaid). ` +
          `Use shorter sentences and everyday words; hardest sections: ${hardest.join(", ")}`,
      );
    }
  }
  return { measured, problems };
}
