import { accessibleShade, MIN_GRAPHIC_CONTRAST, MIN_TEXT_CONTRAST } from "../branding/brand-colours.ts";
import type { Clinic } from "../clinics/load-clinics.ts";
import { libraryFor, type HandoutDefinition, type Library } from "../content/library.ts";
import { handoutReview, type HandoutReview } from "../content/review-dates.ts";
import { translationStatus, type TranslationStatus } from "../content/translation-status.ts";
import { directionOf, fillPlaceholders, splitAtPhone, type TextAroundPhone, type UiStrings } from "../content/language-pack.ts";
import { thumbnailSize, type Paper } from "../paper.ts";
import { absoluteUrl, outputPaths, VARIANTS, type Variant } from "../paths.ts";

/** Where one print variant of a handout goes. */
export interface VariantPaths {
  htmlPath: string;
  pdfPath: string;
}

/** A link to one language version of a handout: its standard print paths, and those of its large print. */
export interface LanguageVersion extends VariantPaths {
  /** JPEG of the standard PDF's first page, made while printing, for the clinic page's cards. */
  thumbnailPath: string;
  lang: string;
  languageName: string;
  largePrint: VariantPaths;
}

export interface ClinicHandoutEntry {
  id: string;
  versions: (LanguageVersion & { title: string; summary: string })[];
}

/** One tagline of the language-help block: in its language and direction, around the clinic's phone. */
export interface TaglineView extends TextAroundPhone {
  lang: string;
  dir: "ltr" | "rtl";
}

/** A clinic's page of handouts in one language (its main page is in its first language and shows every language). */
export interface ClinicPage {
  clinic: ClinicView;
  lang: string;
  dir: "ltr" | "rtl";
  ui: UiStrings;
  pagePath: string;
  handouts: ClinicHandoutEntry[];
  /** The clinic's page in each of its languages, for links named in their own language. */
  languages: { lang: string; languageName: string; pagePath: string }[];
  /** Its visit packs, offered first. */
  bundles?: BundleEntry[];
}

/** What the templates know about a clinic: display values and output paths, no raw file data. */
export interface ClinicView {
  slug: string;
  name: string;
  phone: string;
  lang: string;
  ui: UiStrings;
  paper: Paper;
  /** Size of its handouts' first-page thumbnails; null when this machine cannot make them. */
  thumbnail: { width: number; height: number } | null;
  brand: { primary: string; accent: string };
  logo: { path: string; alt: string } | null;
  pagePath: string;
  brandStylesheet: string;
  handouts: ClinicHandoutEntry[];
  /** The language-help block printed on each of its handouts, or null when the clinic turned it off. */
  languageHelp: TaglineView[] | null;
}

/** One handout page: a clinic × language × handout, the unit that is rendered and printed. */
export interface HandoutPage {
  clinicSlug: string;
  handoutId: string;
  lang: string;
  dir: "ltr" | "rtl";
  title: string;
  summary: string;
  ui: UiStrings;
  clinic: ClinicView;
  /** The clinic's page of handouts in this page's language. */
  clinicPagePath: string;
  /**
   * "This translation has not been checked by a medical translator yet", in the page's language and in English,
   * while any section of a translated handout has no `translationReviewedBy`; null otherwise.
   */
  translationNotice: { own: TextAroundPhone; english: TextAroundPhone } | null;
  /** Whether a medical translator checked this translation; null for the English original. */
  translation: TranslationStatus | null;
  variant: Variant;
  htmlPath: string;
  pdfPath: string;
  /**
   * JPEG of the PDF's first page, for the standard print only (the clinic page's cards show it, and
   * drawing one costs about a sixth of a PDF's printing time); null too when this machine cannot draw one.
   */
  thumbnailPath: string | null;
  printStylesheet: string;
  /** The page's published address, when the site's address is configured (for the QR code on paper). */
  onlineUrl: string | null;
  /** The same handout in the other print: large print from standard, standard from large print. */
  otherVariant: VariantPaths & { variant: Variant };
  /** Review dates, from the handout's sections in this language. */
  review: HandoutReview;
  layout: "standard" | "one-page";
  otherLanguages: LanguageVersion[];
}

export interface SiteData {
  lang: string;
  ui: UiStrings;
  clinics: ClinicView[];
  clinicPages: ClinicPage[];
  handoutPages: HandoutPage[];
  /** The clinics' visit packs, when they have any (see bundle-pages.ts). */
  bundlePages?: BundlePage[];
}

/**
 * A visit pack in one language and print size: printed as one document made of its handouts' pages, each
 * starting on a new page (see compose-bundle.ts). Shaped like a handout page, so it is printed, cached, checked
 * and listed like one.
 */
export interface BundlePage extends HandoutPage {
  /** The language of its title: English when the clinic gave none in the page's language. */
  titleLang: string;
  bundle: {
    /** The handout ids, in the pack's order. */
    handouts: string[];
    /** The handouts' pages in the same language and print size, whose articles make the pack. */
    members: HandoutPage[];
  };
}

/** A pack on the clinic's page: its PDFs in each language. */
export interface BundleEntry {
  id: string;
  versions: {
    lang: string;
    languageName: string;
    title: string;
    titleLang: string;
    handoutTitles: string[];
    pdfPath: string;
    thumbnailPath: string | null;
    largePrint: { pdfPath: string };
  }[];
}

/** Lay out the whole site from validated clinics: which pages exist and where they go. */
export interface LayoutOptions {
  /** This machine can draw first-page thumbnails. Default: true. */
  thumbnails?: boolean;
  /** Where the site is published, for the QR codes on paper. */
  siteUrl?: string | undefined;
  /** Which clinic × handout × language versions the site has. Default: every one the clinics list. */
  include?: (clinic: string, handout: string, lang: string) => boolean;
}

export function buildSiteData(
  clinics: readonly Clinic[],
  library: Library,
  { thumbnails = true, siteUrl, include = () => true }: LayoutOptions = {},
): SiteData {
  const clinicViews = clinics.map((clinic) => clinicView(clinic, library, thumbnails, include)).filter((view) => view.handouts.length > 0);
  const handoutPages = clinicViews.flatMap((view) =>
    view.handouts.flatMap((entry) =>
      entry.versions.flatMap((version) =>
        VARIANTS.map((variant): HandoutPage => {
          const [own, other] = variant === "standard" ? [version, version.largePrint] : [version.largePrint, version];
          const translation = translationOf(libraryFor(library, view.slug), version.lang, entry.id);
          return {
            clinicSlug: view.slug,
            handoutId: entry.id,
            lang: version.lang,
            dir: directionOf(version.lang),
            title: version.title,
            summary: version.summary,
            ui: uiFor(library, version.lang),
            clinic: view,
            clinicPagePath: outputPaths.clinicLanguagePage(view.slug, version.lang),
            translationNotice: translationNotice(libraryFor(library, view.slug), version.lang, translation),
            translation,
            variant,
            htmlPath: own.htmlPath,
            pdfPath: own.pdfPath,
            thumbnailPath: variant === "standard" && view.thumbnail ? version.thumbnailPath : null,
            printStylesheet: outputPaths.printStylesheet(view.slug, version.lang, entry.id, variant),
            onlineUrl: siteUrl ? absoluteUrl(siteUrl, own.htmlPath) : null,
            otherVariant: { ...pathsOf(other), variant: variant === "standard" ? "large-print" : "standard" },
            review: reviewOf(libraryFor(library, view.slug), version.lang, entry.id),
            // A one-page sheet in large print takes the pages it needs.
            layout: variant === "standard" ? definitionOf(libraryFor(library, view.slug), entry.id).layout : "standard",
            otherLanguages: entry.versions.filter((other) => other.lang !== version.lang),
          };
        }),
      ),
    ),
  );
  return {
    lang: "en",
    ui: uiFor(library, "en"),
    clinics: clinicViews,
    clinicPages: clinicViews.flatMap((view) => clinicPages(view, library)),
    handoutPages,
  };
}

/** A clinic's main page, in its first language with every language's versions, then one page per language. */
function clinicPages(view: ClinicView, library: Library): ClinicPage[] {
  const langs = [...new Set(view.handouts.flatMap((entry) => entry.versions.map((version) => version.lang)))];
  const languages = langs.map((lang) => ({
    lang,
    languageName: packOf(library, lang).languageName,
    pagePath: outputPaths.clinicLanguagePage(view.slug, lang),
  }));
  const page = (lang: string, pagePath: string, handouts: ClinicHandoutEntry[]): ClinicPage => ({
    clinic: view,
    lang,
    dir: directionOf(lang),
    ui: uiFor(library, lang),
    pagePath,
    handouts,
    languages,
  });
  const inLanguage = (lang: string) =>
    view.handouts
      .map((entry) => ({ ...entry, versions: entry.versions.filter((version) => version.lang === lang) }))
      .filter((entry) => entry.versions.length > 0);
  return [
    page(view.lang, view.pagePath, view.handouts),
    ...langs.map((lang) => page(lang, outputPaths.clinicLanguagePage(view.slug, lang), inLanguage(lang))),
  ];
}

/** The notice on a translated handout while a section of it has not been checked by a medical translator. */
function translationNotice(library: Library, lang: string, translation: TranslationStatus | null): HandoutPage["translationNotice"] {
  if (translation?.checked ?? true) return null;
  return {
    own: splitAtPhone(uiFor(library, lang).translationNotReviewed),
    english: splitAtPhone(uiFor(library, "en").translationNotReviewed),
  };
}

function translationOf(library: Library, lang: string, handoutId: string): TranslationStatus | null {
  return translationStatus(definitionOf(library, handoutId).sections.map((id) => library.section(lang, id)));
}

function variantPaths(slug: string, lang: string, handoutId: string, variant: Variant): VariantPaths {
  return {
    htmlPath: outputPaths.handoutPage(slug, lang, handoutId, variant),
    pdfPath: outputPaths.handoutPdf(slug, lang, handoutId, variant),
  };
}

const pathsOf = ({ htmlPath, pdfPath }: VariantPaths): VariantPaths => ({ htmlPath, pdfPath });

function definitionOf(library: Library, handoutId: string): HandoutDefinition {
  const definition = library.handouts.find((handout) => handout.id === handoutId);
  if (!definition) throw new Error(`no handout "${handoutId}"`);
  return definition;
}

function reviewOf(library: Library, lang: string, handoutId: string): HandoutReview {
  return handoutReview(definitionOf(library, handoutId).sections.map((id) => library.section(lang, id)));
}

function packOf(library: Library, lang: string) {
  const pack = library.languagePacks.get(lang);
  if (!pack) throw new Error(`no language pack for "${lang}"`);
  return pack;
}

const uiFor = (library: Library, lang: string): UiStrings => packOf(library, lang).ui;

/** The taglines a clinic prints: those it chose, or all of the library's; none when it turned the block off. */
function languageHelpOf(clinic: Clinic, library: Library): TaglineView[] | null {
  if (clinic.languageNotice === false) return null;
  const taglines = library.languageHelp.taglines;
  const chosen = clinic.languageNotice?.languages.map((lang) => taglines.find((tagline) => tagline.lang === lang)) ?? taglines;
  return chosen.flatMap((tagline) => (tagline ? [{ lang: tagline.lang, dir: tagline.dir, ...splitAtPhone(tagline.text) }] : []));
}

function clinicView(clinic: Clinic, libraryOnly: Library, thumbnails: boolean, include: NonNullable<LayoutOptions["include"]>): ClinicView {
  const library = libraryFor(libraryOnly, clinic.slug);
  const lang = clinic.languages[0] ?? "en";
  const ui = uiFor(library, lang);
  // Handouts keep the library's order, whatever order the clinic file lists them in.
  const handoutIds = library.handoutIds.filter((id) => clinic.handouts.includes(id));
  return {
    slug: clinic.slug,
    name: clinic.name,
    phone: clinic.contact.phone,
    lang,
    ui,
    paper: clinic.paper,
    thumbnail: thumbnails ? thumbnailSize(clinic.paper) : null,
    // Colours as printed: the clinic's own, or the nearest shade that meets contrast (the build warns).
    brand: {
      primary: accessibleShade(clinic.brand.primary, MIN_TEXT_CONTRAST).used,
      accent: accessibleShade(clinic.brand.accent ?? clinic.brand.primary, MIN_GRAPHIC_CONTRAST).used,
    },
    logo: clinic.logoImage
      ? { path: outputPaths.logo(clinic.slug, clinic.logoImage.kind), alt: fillPlaceholders(ui.logoAlt, { clinic: clinic.name }) }
      : null,
    pagePath: outputPaths.clinicPage(clinic.slug),
    brandStylesheet: outputPaths.brandStylesheet(clinic.slug),
    languageHelp: languageHelpOf(clinic, library),
    handouts: handoutIds
      .map((id) => ({
        id,
        versions: clinic.languages
          .filter((versionLang) => include(clinic.slug, id, versionLang))
          .map((versionLang) => {
            const pack = library.languagePacks.get(versionLang);
            const strings = pack?.handouts[id];
            if (!pack || !strings) throw new Error(`no "${id}" handout in language "${versionLang}"`);
            return {
              lang: versionLang,
              languageName: pack.languageName,
              title: strings.title,
              summary: strings.summary,
              ...variantPaths(clinic.slug, versionLang, id, "standard"),
              thumbnailPath: outputPaths.handoutThumbnail(clinic.slug, versionLang, id),
              largePrint: variantPaths(clinic.slug, versionLang, id, "large-print"),
            };
          }),
      }))
      .filter((entry) => entry.versions.length > 0),
  };
}
