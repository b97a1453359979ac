import type { Clinic } from "../clinics/load-clinics.ts";
import { localize } from "../content/render-handout.ts";
import { outputPaths, VARIANTS, type Variant } from "../paths.ts";
import type { BundleEntry, BundlePage, ClinicPage, HandoutPage, SiteData } from "./site-data.ts";

/**
 * The packs of a clinic that this site can print: those whose every handout has a page here in the language and
 * print size (a build of part of the matrix prints only the packs it has every handout of).
 */
export function bundlePagesOf(clinic: Clinic, handoutPages: readonly HandoutPage[]): BundlePage[] {
  const pageOf = new Map(
    handoutPages.filter((page) => page.clinicSlug === clinic.slug).map((page) => [`${page.handoutId}/${page.lang}/${page.variant}`, page]),
  );
  return (clinic.bundles ?? []).flatMap((bundle) =>
    clinic.languages.flatMap((lang) =>
      VARIANTS.flatMap((variant): BundlePage[] => {
        const members = bundle.handouts.map((id) => pageOf.get(`${id}/${lang}/${variant}`));
        if (!members.every((member) => member !== undefined)) return [];
        const first = members[0] as HandoutPage;
        const title = localize(bundle.title, lang) ?? { text: bundle.id, lang };
        return [
          {
            ...first,
            handoutId: bundle.id,
            title: title.text,
            titleLang: title.lang,
            summary: members.map((member) => member.title).join("; "),
            translationNotice: null,
            htmlPath: outputPaths.handoutPage(clinic.slug, lang, bundle.id, variant),
            pdfPath: outputPaths.handoutPdf(clinic.slug, lang, bundle.id, variant),
            thumbnailPath:
              variant === "standard" && first.thumbnailPath ? outputPaths.handoutThumbnail(clinic.slug, lang, bundle.id) : null,
            printStylesheet: outputPaths.printStylesheet(clinic.slug, lang, bundle.id, variant),
            onlineUrl: null,
            otherVariant: { ...otherPaths(clinic.slug, lang, bundle.id, variant) },
            // As fresh as its stalest handout, due when its first handout is.
            review: {
              reviewed: members.map((member) => member.review.reviewed).sort()[0] ?? "",
              reviewDue: members.map((member) => member.review.reviewDue).sort()[0] ?? "",
              changed:
                members
                  .map((member) => member.review.changed)
                  .sort()
                  .at(-1) ?? "",
            },
            layout: "standard",
            otherLanguages: [],
            bundle: { handouts: bundle.handouts, members },
          },
        ];
      }),
    ),
  );
}

function otherPaths(slug: string, lang: string, id: string, variant: Variant) {
  const other: Variant = variant === "standard" ? "large-print" : "standard";
  return {
    htmlPath: outputPaths.handoutPage(slug, lang, id, other),
    pdfPath: outputPaths.handoutPdf(slug, lang, id, other),
    variant: other,
  };
}

/** The clinic page's entries for its packs, from the packs this site prints. */
export function bundleEntries(pages: readonly BundlePage[], languageName: (lang: string) => string): BundleEntry[] {
  const standard = pages.filter((page) => page.variant === "standard");
  const ids = [...new Set(standard.map((page) => page.handoutId))];
  return ids.map((id) => ({
    id,
    versions: standard
      .filter((page) => page.handoutId === id)
      .map((page) => ({
        lang: page.lang,
        languageName: languageName(page.lang),
        title: page.title,
        titleLang: page.titleLang,
        handoutTitles: page.bundle.members.map((member) => member.title),
        pdfPath: page.pdfPath,
        thumbnailPath: page.thumbnailPath,
        largePrint: { pdfPath: page.otherVariant.pdfPath },
      })),
  }));
}

/**
 * The site with its packs: the pages to print, and on each clinic page the packs in its languages, which it
 * offers before the single handouts.
 */
export function withBundles(site: SiteData, clinics: readonly Clinic[]): SiteData {
  const bundlePages = clinics.flatMap((clinic) => bundlePagesOf(clinic, site.handoutPages));
  if (bundlePages.length === 0) return site;
  const languageName = (page: ClinicPage, lang: string) => page.languages.find((language) => language.lang === lang)?.languageName ?? lang;
  const clinicPages = site.clinicPages.map((page) => {
    const own = bundlePages.filter((bundle) => bundle.clinicSlug === page.clinic.slug);
    // The clinic's main page lists every language (its handout cards do too); a language's page only its own.
    const shown = page.pagePath === page.clinic.pagePath ? own : own.filter((bundle) => bundle.lang === page.lang);
    return { ...page, bundles: bundleEntries(shown, (lang) => languageName(page, lang)) };
  });
  return { ...site, clinicPages, bundlePages };
}
