import { displayPath, type Clinic } from "../clinics/load-clinics.ts";
import { addDays } from "../iso-dates.ts";
import { libraryFor, type Library, type Section } from "./library.ts";

/** A handout's dates, from those of its sections. */
export interface HandoutReview {
  /** The oldest `lastReviewed`: a handout is only as fresh as its stalest section. */
  reviewed: string;
  /** The earliest `nextReview`: the handout is due when its first section is. */
  reviewDue: string;
  /** The newest `lastReviewed`: when the handout's wording last changed (for a clinic's sign-off). */
  changed: string;
}

/** Within this many days of a section's `nextReview`, builds warn that its review is coming. */
export const REVIEW_WARNING_DAYS = 60;

export function handoutReview(sections: readonly Pick<Section, "lastReviewed" | "nextReview">[]): HandoutReview {
  const reviewed = sections.map((section) => section.lastReviewed).sort();
  const due = sections.map((section) => section.nextReview).sort();
  return { reviewed: reviewed[0] ?? "", reviewDue: due[0] ?? "", changed: reviewed.at(-1) ?? "" };
}

/** What the review dates of the sections in a build say: sections past their date, and sections due soon. */
export interface ReviewFindings {
  overdue: string[];
  dueSoon: string[];
}

/**
 * Check the review dates of the sections a build uses, as of `today`. A section past its `nextReview`
 * must not reach a patient unreviewed; one due within REVIEW_WARNING_DAYS is a warning to plan for.
 */
export function checkReviewDates(sections: Iterable<Section>, today: string): ReviewFindings {
  const soon = addDays(today, REVIEW_WARNING_DAYS);
  const findings: ReviewFindings = { overdue: [], dueSoon: [] };
  for (const section of [...new Set(sections)].sort((a, b) => a.file.localeCompare(b.file))) {
    const file = displayPath(section.file);
    if (section.nextReview < today) {
      findings.overdue.push(
        `${file}: nextReview: ${section.nextReview} has passed; a clinician must review this section and set new lastReviewed and nextReview dates`,
      );
    } else if (section.nextReview <= soon) {
      findings.dueSoon.push(`${file}: nextReview: due on ${section.nextReview}; plan its review`);
    }
  }
  return findings;
}

/** Every section the clinics' handouts use, in the languages they publish. */
export function sectionsInUse(clinics: readonly Clinic[], libraryOnly: Library): Set<Section> {
  const sections = new Set<Section>();
  for (const clinic of clinics) {
    const library = libraryFor(libraryOnly, clinic.slug);
    for (const handout of library.handouts.filter((candidate) => clinic.handouts.includes(candidate.id))) {
      for (const lang of clinic.languages) for (const id of handout.sections) sections.add(library.section(lang, id));
    }
  }
  return sections;
}

/**
 * A clinic's clinical sign-off (`approval` in its file) covers the wording as it was on that day: name
 * the handouts whose wording changed since, in one warning per clinic.
 */
export function approvalWarnings(
  clinic: Clinic,
  pages: readonly { clinicSlug: string; handoutId: string; lang: string; review: HandoutReview }[],
): string[] {
  const { approval } = clinic;
  if (!approval) return [];
  const changed = pages.filter((page) => page.clinicSlug === clinic.slug && page.review.changed > approval.on);
  const names = [...new Set(changed.map((page) => `${page.handoutId} (${page.lang})`))];
  if (names.length === 0) return [];
  return [
    `${clinic.file}: approval: changed since ${approval.by} approved them on ${approval.on}: ${names.join(", ")}; review the changes and renew the approval`,
  ];
}
