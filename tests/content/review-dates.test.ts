import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadInputs } from "../../src/load-inputs.ts";
import { DEFAULT_LIBRARY } from "../../src/package.ts";
import { check } from "../../src/check.ts";
import { main } from "../../src/cli.ts";
import { displayPath } from "../../src/clinics/load-clinics.ts";
import type { Section } from "../../src/content/library.ts";
import { approvalWarnings, checkReviewDates, handoutReview } from "../../src/content/review-dates.ts";
import { LibraryError } from "../../src/errors.ts";
import { renderReport } from "../../src/output/report.ts";
import { renderSitePages } from "../../src/render/render-site.ts";
import { dataFolder, FIXTURES, tempDir, validClinic } from "../helpers/temp-data.ts";

const section = (file: string, lastReviewed: string, nextReview: string) => ({ file, lastReviewed, nextReview }) as Section;

describe("a handout's review dates", () => {
  it("are the oldest lastReviewed and the earliest nextReview of its sections, and it changed when the newest was reviewed", () => {
    const review = handoutReview([
      section("a", "2026-03-01", "2027-06-01"),
      section("b", "2025-05-10", "2027-09-01"),
      section("c", "2026-11-20", "2027-02-01"),
    ]);
    expect(review).toEqual({ reviewed: "2025-05-10", reviewDue: "2027-02-01", changed: "2026-11-20" });
  });

  it("stop a section past its nextReview and warn about one due within 60 days", () => {
    const findings = checkReviewDates(
      [
        section("/x/late.md", "2025-01-01", "2026-11-27"),
        section("/x/soon.md", "2026-01-01", "2027-01-20"),
        section("/x/fine.md", "2026-01-01", "2027-02-01"),
      ],
      "2026-11-28",
    );
    expect(findings.overdue).toEqual([expect.stringMatching(/^\/x\/late\.md: nextReview: 2026-11-27 has passed/)]);
    expect(findings.dueSoon).toEqual([expect.stringMatching(/^\/x\/soon\.md: nextReview: due on 2027-01-20/)]);
    expect(checkReviewDates([section("/x/today.md", "2026-01-01", "2026-11-28")], "2026-11-28").overdue).toEqual([]);
  });

  it("name the handouts changed after a clinic's approval", () => {
    const clinic = { slug: "a", file: "data/clinics/a.json", approval: { by: "Dr. Ana Ruiz, MD", on: "2026-06-01" } } as Parameters<
      typeof approvalWarnings
    >[0];
    const pages = [
      {
        clinicSlug: "a",
        handoutId: "side-effects",
        lang: "en",
        review: { reviewed: "2026-01-01", reviewDue: "2027-01-01", changed: "2026-07-01" },
      },
      {
        clinicSlug: "a",
        handoutId: "your-visit",
        lang: "en",
        review: { reviewed: "2026-01-01", reviewDue: "2027-01-01", changed: "2026-05-01" },
      },
    ];
    expect(approvalWarnings(clinic, pages)).toEqual([
      "data/clinics/a.json: approval: changed since Dr. Ana Ruiz, MD approved them on 2026-06-01: side-effects (en); review the changes and renew the approval",
    ]);
  });
});

/** A copy of the library in which one section of the ketamine handout has older dates than the rest. */
async function libraryWithDates(file: string, lastReviewed: string, nextReview: string) {
  const root = path.join(await tempDir(), "library");
  const library = { handoutsDir: path.join(root, "handouts"), contentDir: path.join(root, "content") };
  await cp(DEFAULT_LIBRARY.handoutsDir, library.handoutsDir, { recursive: true });
  await cp(DEFAULT_LIBRARY.contentDir, library.contentDir, { recursive: true });
  const sectionFile = path.join(library.contentDir, "en", "sections", file);
  const text = await readFile(sectionFile, "utf8");
  await writeFile(
    sectionFile,
    text.replace(/^lastReviewed: .*$/m, `lastReviewed: ${lastReviewed}`).replace(/^nextReview: .*$/m, `nextReview: ${nextReview}`),
  );
  return { library, sectionFile };
}

describe("the review gate", () => {
  const basic = path.join(FIXTURES, "basic");

  it("stops check and build with exit 2, naming each section past its review date", async () => {
    const lines: string[] = [];
    const io = { out: () => undefined, err: (line: string) => lines.push(line) };
    expect(await main(["check", "--data", basic, "--as-of", "2099-01-01"], io)).toBe(2);
    expect(lines.join("\n")).toMatch(/templates\/content\/en\/sections\/[a-z-]+\.md: nextReview: \d{4}-\d{2}-\d{2} has passed/);
    expect(lines.join("\n")).toContain("--allow-overdue");
    const out = path.join(await tempDir(), "site");
    lines.length = 0;
    expect(await main(["build", "--data", basic, "--out", out, "--as-of", "2099-01-01"], io)).toBe(2);
    expect(lines.join("\n")).toMatch(/nothing was written/);
    await expect(readFile(path.join(out, "manifest.json"))).rejects.toThrow();
  });

  it("names the one overdue section of a library, and builds anyway with --allow-overdue, warning", async () => {
    const { library, sectionFile } = await libraryWithDates("ketamine-side-effects.md", "2025-01-10", "2026-01-10");
    const attempt = check({ dataDir: basic, library, asOf: "2026-11-28" });
    await expect(attempt).rejects.toThrow(LibraryError);
    const error = (await attempt.catch((caught: unknown) => caught)) as LibraryError;
    expect(error.problems).toEqual([
      `${displayPath(sectionFile)}: nextReview: 2026-01-10 has passed; a clinician must review this section and set new lastReviewed and nextReview dates`,
    ]);
    const allowed = await check({ dataDir: basic, library, asOf: "2026-11-28", allowOverdue: true });
    expect(allowed.warnings).toContainEqual(
      expect.stringMatching(/ketamine-side-effects\.md: nextReview: 2026-01-10 has passed.*\(built anyway: --allow-overdue\)$/),
    );
  });

  it("warns, without stopping, about a section due within 60 days", async () => {
    const { library } = await libraryWithDates("ketamine-side-effects.md", "2026-01-10", "2027-01-10");
    const checked = await check({ dataDir: basic, library, asOf: "2026-11-28" });
    expect(checked.warnings).toContainEqual(
      expect.stringMatching(/ketamine-side-effects\.md: nextReview: due on 2027-01-10; plan its review$/),
    );
  });
});

describe("review dates on the handout", () => {
  let pages: { url: string; content: string }[];
  let inputs: Awaited<ReturnType<typeof loadInputs>>;
  beforeAll(async () => {
    const { library } = await libraryWithDates("ketamine-side-effects.md", "2025-03-01", "2027-02-01");
    const dataDir = await dataFolder({
      "a.json": {
        ...validClinic(),
        languages: ["en", "es"],
        handouts: ["ketamine-infusion", "getting-ready-checklist"],
        approval: { by: "Dr. Ana Ruiz, MD", on: "2026-01-01" },
      },
    });
    inputs = await loadInputs({ dataDir, library, asOf: "2026-11-28" });
    pages = await renderSitePages(inputs);
  });
  const page = (url: string) => pages.find((candidate) => candidate.url === url)?.content ?? "";

  it("prints the oldest last-reviewed and the earliest next-review date of its sections, in the page's language", () => {
    expect(page("/a/en/ketamine-infusion.html")).toMatch(
      /Last reviewed: <time datetime="2025-03-01">March 1, 2025<\/time>[\s\S]*Next review: <time datetime="2027-02-01">February 1, 2027<\/time>/,
    );
    expect(page("/a/es/ketamine-infusion.html")).toMatch(
      /Última revisión: <time datetime="\d{4}-\d{2}-\d{2}">\d+ de \w+ de \d{4}<\/time>[\s\S]*Próxima revisión: <time datetime/,
    );
    expect(page("/a/en/getting-ready-checklist.html")).not.toContain("2025-03-01");
  });

  it("prints a content version that changes with the words and only with them", () => {
    const version = (url: string) => /Version: ([0-9a-f]{8})/.exec(page(url))?.[1];
    expect(version("/a/en/ketamine-infusion.html")).toMatch(/^[0-9a-f]{8}$/);
    expect(version("/a/en/ketamine-infusion.html")).toBe(version("/a/en/ketamine-infusion.large-print.html"));
    expect(version("/a/en/ketamine-infusion.html")).not.toBe(version("/a/en/getting-ready-checklist.html"));
  });

  it("lists each source by name, linked to its web address, with the address printed on paper", () => {
    expect(page("/a/en/ketamine-infusion.html")).toMatch(
      /<li><a href="https:\/\/[^"]+">[^<]+<\/a><span class="source-url"> <span dir="ltr">https:\/\/[^<]+<\/span><\/span><\/li>/,
    );
  });

  it("warns that handouts changed after the clinic's approval, naming them", () => {
    expect(inputs.warnings).toContainEqual(
      expect.stringMatching(/a\.json: approval: changed since Dr\. Ana Ruiz, MD approved them on 2026-01-01: .*ketamine-infusion \(en\)/),
    );
  });

  it("shows the clinic's sign-off per handout in the report, and when a handout changed after it", () => {
    const base = {
      clinic: "a",
      handout: "h",
      lang: "en",
      variant: "standard" as const,
      status: "printed" as const,
      html: "a/en/h.html",
      reviewed: "2026-01-01",
      reviewDue: "2027-01-01",
      contentVersion: "0123abcd",
      contrastFixes: [],
      warnings: [],
    };
    const html = renderReport({
      seconds: 1,
      published: true,
      warnings: [],
      rows: [
        { ...base, title: "Signed", approval: { by: "Dr. Ana Ruiz, MD", on: "2026-06-01", outdated: false } },
        { ...base, title: "Changed", approval: { by: "Dr. Ana Ruiz, MD", on: "2025-06-01", outdated: true } },
      ],
    });
    expect(html).toContain("Version 0123abcd<br>Reviewed 2026-01-01, next review 2027-01-01");
    expect(html).toContain("Approved by Dr. Ana Ruiz, MD on 2026-06-01");
    expect(html).toContain("<strong>Changed after the clinic's approval</strong> (Dr. Ana Ruiz, MD, 2025-06-01)");
  });
});
