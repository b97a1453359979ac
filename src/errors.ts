import { formatProblem, type InputProblem } from "./clinics/plain-errors.ts";

/** Input that cannot be built: exit status 2, and nothing is written. */
export class InputError extends Error {
  readonly problems: readonly InputProblem[];
  constructor(problems: readonly InputProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "InputError";
    this.problems = problems;
  }
}

/** A mistake in the handout library (sections, strings, handout definitions): also exit status 2. */
export class LibraryError extends Error {
  override name = "LibraryError";
}
