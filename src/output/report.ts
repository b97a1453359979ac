import { writeFile } from "node:fs/promises";
import path from "node:path";
import nunjucks from "nunjucks";
import { outputPaths, type Variant } from "../paths.ts";
import type { ManifestEntry } from "./manifest.ts";
import { TEMPLATES_DIR } from "../package.ts";
import { CONTENT_SECURITY_POLICY } from "../render/eleventy-config.ts";
import { writeWhole } from "../write-whole.ts";

/** One clinic × handout × language of a build, as staff see it in `report.html`. */
export interface ReportRow {
  clinic: string;
  handout: string;
  lang: string;
  variant: Variant;
  title: string;
  /** Printed now, reused from the print cache, failed, or kept as it was by a build of part of the handouts. */
  status: "printed" | "cached" | "failed" | "kept";
  /** Paths relative to the output folder. */
  html: string;
  pdf?: string;
  thumbnail?: string;
  pages?: number;
  bytes?: number;
  readingGrade?: number;
  /** For a translation: whether a medical translator checked it. */
  translation?: { checked: boolean; checkedBy: string[] };
  reviewed: string;
  reviewDue: string;
  contentVersion: string;
  /** The clinic's sign-off, and whether the handout changed after it. */
  approval?: { by: string; on: string; outdated: boolean };
  /** "brand.primary #E07A5F → #B4543A", one per darkened colour. */
  contrastFixes: string[];
  warnings: string[];
  milliseconds?: number;
  error?: string;
}

export interface BuildReport {
  rows: ReportRow[];
  /** False when the build was not swapped in: the report then lies beside the output and links nowhere. */
  published: boolean;
  /** Warnings about the build as a whole (clinic files, colours). */
  warnings: string[];
  seconds: number;
}

const environment = new nunjucks.Environment(new nunjucks.FileSystemLoader(path.join(TEMPLATES_DIR, "_includes")), {
  autoescape: true,
  throwOnUndefined: false,
});

/** The row of a handout a build of part of the matrix kept from the previous output, from its manifest entry. */
export function keptRow(entry: ManifestEntry): ReportRow {
  const { clinic, handout, lang, variant, title, html, pdf, thumbnail, pages, bytes, readingGrade, reviewed, reviewDue, contentVersion } =
    entry;
  return {
    ...{ clinic, handout, lang, variant, title, html, pdf, pages, bytes, reviewed, reviewDue, contentVersion },
    ...(thumbnail ? { thumbnail } : {}),
    ...(readingGrade === undefined ? {} : { readingGrade }),
    ...(entry.translation ? { translation: entry.translation } : {}),
    status: "kept",
    contrastFixes: entry.contrastFixes ?? [],
    warnings: entry.warnings ?? [],
  };
}

/** The report page: failures first, then every handout in manifest order. `stylesheet` is relative to the report. */
export function renderReport(report: BuildReport, stylesheet = outputPaths.asset("report.css")): string {
  const rows = [...report.rows.filter((row) => row.status === "failed"), ...report.rows.filter((row) => row.status !== "failed")];
  const count = (status: ReportRow["status"]) => report.rows.filter((row) => row.status === status).length;
  const summary = {
    total: report.rows.length,
    printed: count("printed"),
    cached: count("cached"),
    failed: count("failed"),
    kept: count("kept"),
    uncheckedTranslations: [
      ...new Set(
        report.rows
          .filter((row) => row.translation && !row.translation.checked)
          .map((row) => `${row.clinic} / ${row.handout} / ${row.lang}`),
      ),
    ],
    seconds: report.seconds.toFixed(1),
  };
  return environment.render("report.njk", {
    rows,
    warnings: report.warnings,
    summary,
    published: report.published,
    stylesheet,
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
  });
}

/** Write `report.html` into the new output, or, for a build that was not published, beside the old one. */
export async function writeReport(outDir: string, stagingDir: string, report: BuildReport): Promise<string> {
  if (report.published) {
    await writeFile(path.join(stagingDir, outputPaths.report()), renderReport(report));
    return path.join(outDir, outputPaths.report());
  }
  const beside = `${outDir}.report.html`;
  // The old output's stylesheet, when it has one: the report still reads plainly without it.
  await writeWhole(beside, renderReport(report, `${path.basename(outDir)}/${outputPaths.asset("report.css")}`));
  return beside;
}
