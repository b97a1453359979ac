import { describe, expect, it } from "vitest";
import type { Clinic } from "../../src/clinics/load-clinics.ts";
import { isPartial, isSelected, selectClinics } from "../../src/clinics/select-clinics.ts";
import { InputError, type InputProblem } from "../../src/errors.ts";

const library = { handoutIds: ["side-effects", "your-visit", "pain-diary"], languages: ["en", "es", "vi"], noticeLanguages: ["es", "vi"] };

/** A checked clinic with only what selection looks at. */
const clinic = (slug: string, handouts: string[], languages: string[]) => ({ slug, name: slug, handouts, languages }) as unknown as Clinic;
const CLINICS = [clinic("hilltop", ["side-effects"], ["en"]), clinic("lakeside", ["side-effects", "your-visit"], ["en", "es"])];

/** What selecting keeps: each clinic's slug, handouts and languages. */
const kept = (clinics: Clinic[]) => clinics.map(({ slug, handouts, languages }) => ({ slug, handouts, languages }));

/** The problems of the InputError a call throws. */
function problemsOf(call: () => unknown): readonly InputProblem[] {
  try {
    call();
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error("no InputError thrown");
}

describe("isSelected and isPartial", () => {
  it("select all of the matrix when nothing (or an empty list) is named", () => {
    expect(isSelected({}, "a", "h", "en")).toBe(true);
    expect(isSelected({ clinics: [], handouts: [], langs: [] }, "a", "h", "en")).toBe(true);
    expect(isPartial()).toBe(false);
    expect(isPartial({ clinics: [], langs: [] })).toBe(false);
  });

  it("select a cell only when every list that is given names it", () => {
    const selection = { clinics: ["a", "b"], langs: ["es"] };
    expect(isPartial(selection)).toBe(true);
    expect(isSelected(selection, "b", "any-handout", "es")).toBe(true);
    expect(isSelected(selection, "b", "any-handout", "en")).toBe(false);
    expect(isSelected(selection, "c", "any-handout", "es")).toBe(false);
    expect(isSelected({ handouts: ["h"] }, "c", "h", "vi")).toBe(true);
    expect(isPartial({ handouts: ["h"] })).toBe(true);
  });
});

describe("selectClinics", () => {
  it("keeps every clinic as it is when nothing is named", () => {
    expect(kept(selectClinics(CLINICS, library))).toEqual(kept(CLINICS));
  });

  it("narrows the chosen clinics to the chosen handouts and languages, and drops clinics left with nothing", () => {
    expect(kept(selectClinics(CLINICS, library, { langs: ["es"] }))).toEqual([
      { slug: "lakeside", handouts: ["side-effects", "your-visit"], languages: ["es"] },
    ]);
    expect(kept(selectClinics(CLINICS, library, { handouts: ["side-effects"] }))).toEqual([
      { slug: "hilltop", handouts: ["side-effects"], languages: ["en"] },
      { slug: "lakeside", handouts: ["side-effects"], languages: ["en", "es"] },
    ]);
    expect(kept(selectClinics(CLINICS, library, { clinics: ["lakeside"], handouts: ["your-visit"], langs: ["en"] }))).toEqual([
      { slug: "lakeside", handouts: ["your-visit"], languages: ["en"] },
    ]);
  });

  it("refuses every unknown name at once, naming the option and the valid names", () => {
    expect(problemsOf(() => selectClinics(CLINICS, library, { clinics: ["nowhere"], handouts: ["x"], langs: ["fr"] }))).toEqual([
      { file: "(command line)", field: "--clinic", message: '"nowhere" is not a known clinic; use one of: hilltop, lakeside' },
      {
        file: "(command line)",
        field: "--handout",
        message: '"x" is not a known handout; use one of: side-effects, your-visit, pain-diary',
      },
      { file: "(command line)", field: "--lang", message: '"fr" is not a known language; use one of: en, es, vi' },
    ]);
  });

  it("refuses a selection of known names that no clinic publishes", () => {
    expect(problemsOf(() => selectClinics(CLINICS, library, { handouts: ["pain-diary"] }))).toEqual([
      { file: "(command line)", field: "", message: "no clinic publishes that handout in that language; nothing to build" },
    ]);
    expect(problemsOf(() => selectClinics(CLINICS, library, { clinics: ["hilltop"], langs: ["es"] }))).toHaveLength(1);
  });
});
