import { InputError } from "../errors.ts";
import type { Clinic } from "./load-clinics.ts";
import type { InputProblem } from "../errors.ts";
import type { LibraryIndex } from "./schema.ts";

/** Part of the clinic × handout × language matrix to build; an empty or missing list means all. */
export interface Selection {
  clinics?: readonly string[];
  handouts?: readonly string[];
  langs?: readonly string[];
}

const keep = (list: readonly string[] | undefined, value: string) => !list?.length || list.includes(value);

/** Whether one clinic × handout × language is in the selection. */
export function isSelected(selection: Selection, clinic: string, handout: string, lang: string): boolean {
  return keep(selection.clinics, clinic) && keep(selection.handouts, handout) && keep(selection.langs, lang);
}

/** Whether a selection names part of the matrix, rather than all of it. */
export const isPartial = (selection: Selection = {}) =>
  Boolean(selection.clinics?.length || selection.handouts?.length || selection.langs?.length);

/**
 * Narrow the clinics to a selection: only the chosen clinics, and in them only the chosen handouts
 * and languages. A name that matches nothing is a mistake (exit 2), listing the valid ones.
 */
export function selectClinics(clinics: readonly Clinic[], library: LibraryIndex, selection: Selection = {}): Clinic[] {
  const problems = [
    ...unknownNames(
      "--clinic",
      selection.clinics,
      clinics.map((clinic) => clinic.slug),
      "clinic",
    ),
    ...unknownNames("--handout", selection.handouts, library.handoutIds, "handout"),
    ...unknownNames("--lang", selection.langs, library.languages, "language"),
  ];
  if (problems.length > 0) throw new InputError(problems);
  const selected = clinics
    .filter((clinic) => keep(selection.clinics, clinic.slug))
    .map((clinic) => ({
      ...clinic,
      handouts: clinic.handouts.filter((id) => keep(selection.handouts, id)),
      languages: clinic.languages.filter((lang) => keep(selection.langs, lang)),
    }))
    .filter((clinic) => clinic.handouts.length > 0 && clinic.languages.length > 0);
  if (selected.length === 0) {
    throw new InputError([
      { file: "(command line)", field: "", message: "no clinic publishes that handout in that language; nothing to build" },
    ]);
  }
  return selected;
}

function unknownNames(option: string, given: readonly string[] | undefined, valid: readonly string[], what: string): InputProblem[] {
  return (given ?? [])
    .filter((name) => !valid.includes(name))
    .map((name) => ({
      file: "(command line)",
      field: option,
      message: `"${name}" is not a known ${what}; use one of: ${valid.join(", ")}`,
    }));
}
