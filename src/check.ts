import { contrastFixes, type ContrastFix } from "./branding/contrast-fixes.ts";
import { type BuildOptions } from "./build.ts";
import { loadInputs } from "./load-inputs.ts";
import { DEFAULT_MAX_READING_GRADE, measureReadingLevels, pageKey } from "./content/check-reading-level.ts";
import type { Readability } from "./content/reading-grade.ts";
import { renderSitePages } from "./render/render-site.ts";

export type CheckOptions = Pick<BuildOptions, "dataDir" | "library" | "select" | "maxReadingGrade" | "allowOverdue" | "asOf">;

/** What `check` found for one clinic × handout × language. */
export interface CheckedHandout {
  clinic: string;
  handout: string;
  lang: string;
  title: string;
  readability?: Readability;
  /** When its stalest section was reviewed, and when its first section is due. */
  reviewed: string;
  reviewDue: string;
  contrastFixes: ContrastFix[];
}

export interface CheckResult {
  handouts: CheckedHandout[];
  /** Things the build would go on with but staff should know (darkened colours, reviews due soon). */
  warnings: string[];
  /** Things the build would refuse (reading grade above the maximum); empty when it would build. */
  problems: string[];
}

/**
 * Everything a build checks, without a browser and without writing anything: the clinic files,
 * the handout library, the reading grade of every handout, the brand colours, and a render of
 * every page in memory. Invalid clinic files throw InputError, as in a build.
 */
export async function check(options: CheckOptions = {}): Promise<CheckResult> {
  const inputs = await loadInputs(options);
  const { site, clinics, library } = inputs;
  const levels = measureReadingLevels(site.handoutPages, clinics, library, options.maxReadingGrade ?? DEFAULT_MAX_READING_GRADE);
  await renderSitePages(inputs);
  const fixesBySlug = new Map(clinics.map((clinic) => [clinic.slug, contrastFixes(clinic)]));
  const handouts = site.handoutPages
    .filter((page) => page.variant === "standard")
    .map((page): CheckedHandout => {
      const readability = levels.measured.get(pageKey(page))?.readability;
      return {
        clinic: page.clinicSlug,
        handout: page.handoutId,
        lang: page.lang,
        title: page.title,
        reviewed: page.review.reviewed,
        reviewDue: page.review.reviewDue,
        ...(readability ? { readability } : {}),
        contrastFixes: fixesBySlug.get(page.clinicSlug) ?? [],
      };
    });
  return { handouts, warnings: inputs.warnings, problems: levels.problems };
}
