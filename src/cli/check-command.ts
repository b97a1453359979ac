import { check } from "../check.ts";
import type { Io } from "./io.ts";
import {
  DATA_OPTION,
  EXIT,
  maxGradeOf,
  REVIEW_OPTIONS,
  reviewOptionsOf,
  selectionOf,
  SELECT_OPTIONS,
  text,
  type Values,
} from "./options.ts";

export const CHECK_OPTIONS = { ...DATA_OPTION, ...SELECT_OPTIONS, ...REVIEW_OPTIONS, "max-grade": { type: "string" } } as const;

export async function runCheck(io: Io, values: Values): Promise<number> {
  const maxGrade = maxGradeOf(values);
  const result = await check({
    dataDir: text(values.data) as string,
    select: selectionOf(values),
    ...reviewOptionsOf(values),
    ...(maxGrade ? { maxReadingGrade: maxGrade } : {}),
  });
  for (const handout of result.handouts) {
    const grade = handout.readability
      ? `reading grade ${handout.readability.grade} (${handout.readability.formula})`
      : "no reading formula for this language";
    const fixes = handout.contrastFixes.map((fix) => `; ${fix.field} ${fix.given} → ${fix.used}`).join("");
    io.out(`  ${handout.clinic} / ${handout.handout} (${handout.lang}): ${grade}${fixes}`);
  }
  for (const warning of result.warnings) io.err(`warning: ${warning}`);
  for (const problem of result.problems) io.err(problem);
  if (result.problems.length > 0) {
    io.err(`${result.problems.length} problem(s) found; a build would refuse to start.`);
    return EXIT.invalidInput;
  }
  io.out(`${result.handouts.length} handout(s) checked: ready to build (handouts build).`);
  return EXIT.ok;
}
