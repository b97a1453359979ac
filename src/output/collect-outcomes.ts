import { createHash } from "node:crypto";
import { contrastFixes } from "../branding/contrast-fixes.ts";
import type { Clinic } from "../clinics/load-clinics.ts";
import { pageKey, type HandoutMeasure } from "../content/check-reading-level.ts";
import type { Readability } from "../content/reading-grade.ts";
import { checkWarnings } from "../printing/pdf-checks.ts";
import type { PrintOutcome } from "../printing/print-pdfs.ts";
import type { BundlePage, HandoutPage } from "../render/site-data.ts";
import type { PdfFacts } from "./fill-pdf-facts.ts";
import type { ManifestEntry, ManifestFailure } from "./manifest.ts";
import type { ReportRow } from "./report.ts";

/** Pages and bytes of every PDF printed, reused or kept, by its path in the site. */
export function factsOf(
  pages: readonly HandoutPage[],
  outcomes: readonly PrintOutcome[],
  kept: readonly ManifestEntry[],
): Map<string, PdfFacts> {
  const facts = new Map<string, PdfFacts>(kept.map((entry) => [entry.pdf, { pages: entry.pages, bytes: entry.bytes }]));
  outcomes.forEach((outcome, index) => {
    if (outcome.ok) facts.set((pages[index] as HandoutPage).pdfPath, { pages: outcome.pages, bytes: outcome.bytes });
  });
  return facts;
}

/** Manifest entries, failures and report rows from the print outcomes, in the order of `pages`. */
export function collectOutcomes(
  pages: readonly HandoutPage[],
  outcomes: readonly PrintOutcome[],
  measures: Map<string, HandoutMeasure>,
  clinics: readonly Clinic[],
) {
  const fixesBySlug = new Map(
    clinics.map((clinic) => [clinic.slug, contrastFixes(clinic).map((fix) => `${fix.field} ${fix.given} → ${fix.used}`)]),
  );
  const clinicsBySlug = new Map(clinics.map((clinic) => [clinic.slug, clinic]));
  const failures: ManifestFailure[] = [];
  const entries: ManifestEntry[] = [];
  const rows: ReportRow[] = [];
  outcomes.forEach((outcome, index) => {
    const page = pages[index] as HandoutPage;
    const id = { clinic: page.clinicSlug, handout: page.handoutId, lang: page.lang, variant: page.variant };
    const measure = measures.get(pageKey(page)) ?? bundleMeasure(page, measures);
    const reading = { ...readingFields(measure?.readability), ...(page.translation ? { translation: page.translation } : {}) };
    const content = { reviewed: page.review.reviewed, reviewDue: page.review.reviewDue, contentVersion: measure?.contentVersion ?? "" };
    const fixes = fixesBySlug.get(page.clinicSlug) ?? [];
    const approval = approvalOf(clinicsBySlug.get(page.clinicSlug), page);
    if (!outcome.ok) {
      failures.push({ ...id, error: outcome.error });
      rows.push({
        ...id,
        title: page.title,
        status: "failed",
        html: page.htmlPath,
        ...content,
        ...approval,
        contrastFixes: fixes,
        warnings: [],
        error: outcome.error,
        ...reading,
      });
      return;
    }
    const warnings = handoutWarnings(page, outcome);
    const printed = {
      pdf: page.pdfPath,
      ...(outcome.thumbnail && page.thumbnailPath ? { thumbnail: page.thumbnailPath } : {}),
      pages: outcome.pages,
      bytes: outcome.bytes,
    };
    entries.push({
      ...id,
      ...bundleFields(page),
      title: page.title,
      html: page.htmlPath,
      ...printed,
      sha256: outcome.sha256,
      ...content,
      ...reading,
      ...(fixes.length ? { contrastFixes: fixes } : {}),
      ...(warnings.length ? { warnings } : {}),
    });
    rows.push({
      ...id,
      title: page.title,
      status: outcome.cached ? "cached" : "printed",
      html: page.htmlPath,
      ...printed,
      ...content,
      ...approval,
      contrastFixes: fixes,
      warnings,
      milliseconds: outcome.milliseconds,
      ...reading,
    });
  });
  return { failures, entries, rows };
}

/** A visit pack is listed as one: `"kind": "bundle"` and its handouts. */
function bundleFields(page: HandoutPage): Pick<ManifestEntry, "kind" | "handouts"> {
  return "bundle" in page ? { kind: "bundle", handouts: (page as BundlePage).bundle.handouts } : {};
}

/** A pack's content version follows every word of its handouts: a hash of theirs. */
function bundleMeasure(page: HandoutPage, measures: ReadonlyMap<string, HandoutMeasure>): HandoutMeasure | undefined {
  if (!("bundle" in page)) return undefined;
  const versions = (page as BundlePage).bundle.members.map((member) => measures.get(pageKey(member))?.contentVersion ?? "");
  return { contentVersion: createHash("sha256").update(versions.join("\n")).digest("hex").slice(0, 8) };
}

/** What went wrong, short of failing, while printing one handout. */
function handoutWarnings(page: HandoutPage, outcome: PrintOutcome & { ok: true }): string[] {
  // A one-page sheet that runs over is a failure of its own (see print-pdfs.ts), not a warning.
  return [
    ...outcome.blocked.map((url) => `${page.htmlPath}: blocked a request to ${url}; only the site's own files may load while printing`),
    ...checkWarnings(page.pdfPath, outcome.checks),
  ];
}

/** The clinic's sign-off as the report shows it beside a handout, and whether the handout changed since. */
function approvalOf(clinic: Clinic | undefined, page: HandoutPage): Pick<ReportRow, "approval"> {
  if (!clinic?.approval) return {};
  return { approval: { ...clinic.approval, outdated: page.review.changed > clinic.approval.on } };
}

/** Manifest fields for a handout's reading level; "not measured" for a language without a formula. */
function readingFields(readability: Readability | undefined): Pick<ManifestEntry, "readingGrade" | "readability"> {
  if (!readability) return { readability: { formula: "not measured" } };
  const { formula, grade, ease } = readability;
  return { readingGrade: grade, readability: { formula, ...(ease === undefined ? {} : { ease }) } };
}
