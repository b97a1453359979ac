import type { Selection } from "../clinics/select-clinics.ts";
import { isIsoDate } from "../clinics/schema.ts";
import { DEFAULTS } from "../package.ts";

/** Exit statuses: everything printed, some handouts failed, the input cannot be built. */
export const EXIT = { ok: 0, someFailed: 1, invalidInput: 2, interrupted: 130, terminated: 143 } as const;

/** A mistake on the command line: exit 2 with what to type. */
export class UsageError extends Error {}

/** The options every command that reads clinics accepts. */
export const DATA_OPTION = { data: { type: "string", default: DEFAULTS.dataDir } } as const;
export const SELECT_OPTIONS = {
  clinic: { type: "string", multiple: true },
  handout: { type: "string", multiple: true },
  lang: { type: "string", multiple: true },
} as const;
export const REVIEW_OPTIONS = { "allow-overdue": { type: "boolean", default: false }, "as-of": { type: "string" } } as const;
/** What every command takes. */
export const COMMON_OPTIONS = {
  debug: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** The parsed options of a command, each typed by its own declaration. */
export type Values = Record<string, string | string[] | boolean | undefined>;

export const text = (value: unknown) => (typeof value === "string" ? value : undefined);
export const list = (value: unknown) => (Array.isArray(value) ? (value as string[]) : undefined);

export function selectionOf(values: Values): Selection {
  const [clinics, handouts, langs] = [list(values.clinic), list(values.handout), list(values.lang)];
  return { ...(clinics ? { clinics } : {}), ...(handouts ? { handouts } : {}), ...(langs ? { langs } : {}) };
}

export function wholeNumber(values: Values, option: string, minimum: number): number | undefined {
  const given = text(values[option]);
  if (given === undefined) return undefined;
  const number = Number(given);
  if (!Number.isInteger(number) || number < minimum)
    throw new UsageError(`--${option} takes a whole number of at least ${minimum}, not "${given}"`);
  return number;
}

/** --allow-overdue and --as-of, as build and check take them. */

/** --allow-overdue and --as-of, as build and check take them. */
export function reviewOptionsOf(values: Values): { allowOverdue: boolean; asOf?: string } {
  const asOf = text(values["as-of"]);
  if (asOf !== undefined && !isIsoDate(asOf)) {
    throw new UsageError(`--as-of takes a date like 2027-01-31, not "${asOf}"`);
  }
  return { allowOverdue: values["allow-overdue"] === true, ...(asOf ? { asOf } : {}) };
}

export function maxGradeOf(values: Values): number | undefined {
  const given = text(values["max-grade"]);
  if (given === undefined) return undefined;
  if (!(Number(given) > 0)) throw new UsageError(`--max-grade takes a number above 0, not "${given}"`);
  return Number(given);
}
