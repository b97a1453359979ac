/** One problem in one input file (a clinic file, site.json, an option), in the words staff read: `file: field: message`. */
export interface InputProblem {
  file: string;
  field: string;
  message: string;
}

export function formatProblem({ file, field, message }: InputProblem): string {
  return field ? `${file}: ${field}: ${message}` : `${file}: ${message}`;
}

/** Input that cannot be built: exit status 2, and nothing is written. */
export class InputError extends Error {
  readonly problems: readonly InputProblem[];
  constructor(problems: readonly InputProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "InputError";
    this.problems = problems;
  }
}

/** A mistake in the handout library (sections, strings, handout definitions, review dates): also exit status 2. */
export class LibraryError extends Error {
  override name = "LibraryError";
  /** One line per problem; the message adds what to do about them, when given. */
  readonly problems: readonly string[];
  constructor(problems: string | readonly string[], whatToDo?: string) {
    const list = typeof problems === "string" ? [problems] : problems;
    super([...list, ...(whatToDo ? [whatToDo] : [])].join("\n"));
    this.problems = list;
  }
}
