import { contrastFixes, describeContrastFix } from "./branding/contrast-fixes.ts";
import { loadClinics, type Clinic } from "./clinics/load-clinics.ts";
import { loadSiteSettings } from "./clinics/load-site-settings.ts";
import { reservedSiteUrlWarning } from "./clinics/reserved-site-url.ts";
import { isSelected, selectClinics, type Selection } from "./clinics/select-clinics.ts";
import { loadLibrary, type Library, type LibraryLocation } from "./content/library.ts";
import { approvalWarnings, checkReviewDates, sectionsInUse } from "./content/review-dates.ts";
import { outdatedTranslationWarnings } from "./content/translation-status.ts";
import { InputError, LibraryError } from "./errors.ts";
import { loadClinicContents, missingPlaceholderValues, type ClinicContent } from "./content/clinic-content.ts";
import { missingTranslations, replacedSections, withClinicContent } from "./content/clinic-library.ts";
import { isoToday } from "./iso-dates.ts";
import { keptKeys } from "./output/keep-previous.ts";
import type { ManifestEntry } from "./output/manifest.ts";
import { DEFAULT_LIBRARY, DEFAULTS } from "./package.ts";
import { canMakeThumbnails, THUMBNAIL_HINT } from "./printing/pdf-thumbnail.ts";
import type { SiteInputs } from "./render/eleventy-config.ts";
import { buildSiteData, type LayoutOptions } from "./render/site-data.ts";
import { withBundles } from "./render/bundle-pages.ts";

/** What says which clinics and handouts a build, check or preview reads. */
export interface InputOptions {
  /** Folder with `clinics/`, logos and `site.json`. Default: `data`. */
  dataDir?: string;
  /** Where the handout library is. Default: the one shipped with this package. */
  library?: LibraryLocation;
  /** Only these clinics, handouts and languages. Default: everything. */
  select?: Selection;
  /** Go on when a section is past its review date (each is still named, as a warning). Default: false. */
  allowOverdue?: boolean;
  /** The day review dates are checked against, "YYYY-MM-DD" (to see what will be due). Default: today. */
  asOf?: string;
}

/**
 * Load and check the library and the clinics, and lay out the site, without writing anything. Throws
 * InputError for a clinic file that is wrong, LibraryError for a section past its review date.
 */
export interface LoadedInputs extends SiteInputs {
  /** Every clinic in the data folder, also those the selection leaves out. */
  allClinics: readonly Clinic[];
  /** How the site was laid out, to lay it out again with other handouts (see withKeptHandouts). */
  layout: LayoutOptions;
  warnings: string[];
}

export async function loadInputs(options: InputOptions = {}): Promise<LoadedInputs> {
  const libraryOnly = await loadLibrary(options.library ?? DEFAULT_LIBRARY);
  const contents = await loadClinicContents(options.dataDir ?? DEFAULTS.dataDir, libraryOnly);
  const allClinics = await loadClinics(options.dataDir ?? DEFAULTS.dataDir, libraryOnly);
  checkClinicContent(allClinics, contents);
  const library = withClinicContent(libraryOnly, contents);
  // --handout may name a clinic's own handout as well as the library's.
  const ownIds = [...contents.values()].flatMap((content) => content.handouts.map((handout) => handout.id));
  const clinics = selectClinics(allClinics, { ...library, handoutIds: [...new Set([...library.handoutIds, ...ownIds])] }, options.select);
  const reviewWarnings = checkReviews(clinics, library, options);
  const settings = await loadSiteSettings(options.dataDir ?? DEFAULTS.dataDir);
  const placeholderUrl = reservedSiteUrlWarning(options.dataDir ?? DEFAULTS.dataDir, settings.url);
  const thumbnails = await canMakeThumbnails();
  const layout = { thumbnails, siteUrl: settings.url };
  const site = withBundles(buildSiteData(clinics, library, layout), clinics);
  const warnings = [
    ...clinics.flatMap((clinic) => contrastFixes(clinic).map((fix) => describeContrastFix(clinic.file, fix))),
    ...reviewWarnings,
    ...outdatedTranslationWarnings(sectionsInUse(clinics, library), library),
    ...(placeholderUrl ? [placeholderUrl] : []),
    ...clinics.flatMap((clinic) => approvalWarnings(clinic, site.handoutPages)),
    ...clinics.flatMap((clinic) => replacedSections(clinic, contents.get(clinic.slug), libraryOnly)),
  ];
  return { library, clinics, allClinics, layout, site, warnings: thumbnails ? warnings : [...warnings, THUMBNAIL_HINT] };
}

/**
 * The site a build of part of the matrix publishes: its own handouts, and those it keeps from the previous
 * output, which the home page, the clinic pages and the handouts' links to each other must still show.
 * Only its own handout pages are rendered; the kept ones are copied as they were.
 */
export function withKeptHandouts(inputs: LoadedInputs, kept: readonly ManifestEntry[], selection: Selection = {}): LoadedInputs {
  if (kept.length === 0) return inputs;
  const keys = keptKeys(kept);
  const include = (clinic: string, handout: string, lang: string) =>
    keys.has(`${clinic}/${handout}/${lang}`) || isSelected(selection, clinic, handout, lang);
  const site = withBundles(buildSiteData(inputs.allClinics, inputs.library, { ...inputs.layout, include }), inputs.allClinics);
  const published = new Set(site.clinics.map((clinic) => clinic.slug));
  const ownPages = site.handoutPages.filter((page) => isSelected(selection, page.clinicSlug, page.handoutId, page.lang));
  return {
    ...inputs,
    clinics: inputs.allClinics.filter((clinic) => published.has(clinic.slug)),
    site: { ...site, handoutPages: ownPages },
  };
}

/** What can only be checked with the clinic file beside its content: translations, and the values placeholders need. */
function checkClinicContent(clinics: readonly Clinic[], contents: ReadonlyMap<string, ClinicContent>): void {
  const problems = clinics.flatMap((clinic) => [
    ...missingTranslations(clinic, contents.get(clinic.slug)),
    ...missingPlaceholderValues(clinic, contents.get(clinic.slug)),
  ]);
  if (problems.length > 0) throw new InputError(problems);
}

/** Stop at a section past its review date (unless allowed); warn about those due soon. */
function checkReviews(clinics: readonly Clinic[], library: Library, { asOf, allowOverdue }: InputOptions): string[] {
  const { overdue, dueSoon } = checkReviewDates(sectionsInUse(clinics, library), asOf ?? isoToday());
  if (overdue.length > 0 && !allowOverdue) {
    throw new LibraryError(
      overdue,
      "A handout past its review date must not reach patients; to build anyway, for now, add --allow-overdue.",
    );
  }
  return [...overdue.map((finding) => `${finding} (built anyway: --allow-overdue)`), ...dueSoon];
}
