import { displayPath } from "../clinics/load-clinics.ts";
import type { Library, Section } from "./library.ts";

/** The language every translation is made from, and whose review dates it follows. */
export const SOURCE_LANGUAGE = "en";

/** Where a translated handout stands: checked by a qualified medical translator (by whom), or not yet. */
export interface TranslationStatus {
  checked: boolean;
  /** The translators who checked its sections, each once. */
  checkedBy: string[];
}

/** A handout's translation status, from its sections; null for the source language. */
export function translationStatus(sections: readonly Section[]): TranslationStatus | null {
  if (sections.every((section) => section.lang === SOURCE_LANGUAGE)) return null;
  const checkedBy = [...new Set(sections.flatMap((section) => (section.translationReviewedBy ? [section.translationReviewedBy] : [])))];
  return { checked: sections.every((section) => section.translationReviewedBy), checkedBy };
}

/**
 * Translations whose English section was reviewed after they were made: the English may say something the
 * translation does not (a warning added, a dose corrected), so staff must have it translated again.
 */
export function outdatedTranslationWarnings(sections: Iterable<Section>, library: Library): string[] {
  const warnings: string[] = [];
  // A clinic's own sections are its own words, in each language it writes them: not translations of the library.
  const own = new Set(library.sections());
  for (const section of [...new Set(sections)].sort((a, b) => a.file.localeCompare(b.file))) {
    if (section.lang === SOURCE_LANGUAGE || !own.has(section)) continue;
    const english = library.section(SOURCE_LANGUAGE, section.id);
    if (section.translatedFrom && section.translatedFrom >= english.lastReviewed) continue;
    warnings.push(
      `${displayPath(section.file)}: translatedFrom: ${section.translatedFrom ?? "missing"}, but the English section ` +
        `(${displayPath(english.file)}) was last reviewed on ${english.lastReviewed}; the translation may be out of date: ` +
        `translate the changes and set translatedFrom to ${english.lastReviewed}`,
    );
  }
  return warnings;
}
