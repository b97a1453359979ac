import path from "node:path";
import { z } from "zod";
import { displayPath } from "../clinics/load-clinics.ts";
import type { InputProblem } from "../errors.ts";
import { explainIssues } from "../input/explain-issues.ts";
import { readJsonFile } from "../input/read-json-file.ts";
import { outputPaths, VARIANTS, type Variant } from "../paths.ts";
import { writeWhole } from "../write-whole.ts";

/** One printed handout, as later tools read it. Paths are relative to the output folder. */
export interface ManifestEntry {
  clinic: string;
  /** The handout's id, or the visit pack's. */
  handout: string;
  /** "bundle" for a visit pack: one PDF of several handouts (listed in `handouts`); absent for a handout. */
  kind?: "bundle";
  /** A visit pack's handouts, in order. */
  handouts?: string[];
  lang: string;
  /** "standard", or "large-print" (body text of at least 16 pt). */
  variant: Variant;
  title: string;
  html: string;
  pdf: string;
  /** A JPEG of the PDF's first page, when one was made. */
  thumbnail?: string;
  pages: number;
  bytes: number;
  sha256: string;
  /** "YYYY-MM-DD": when its stalest section was last reviewed. */
  reviewed: string;
  /** "YYYY-MM-DD": when its first section is due for review. */
  reviewDue: string;
  /** A short hash of the words the patient reads, printed on the handout; two copies with the same one say the same. */
  contentVersion: string;
  /** US school grade of the body text: Flesch-Kincaid (en), or INFLESZ's ease on Flesch's grade table (es). */
  readingGrade?: number;
  /**
   * The formula measured with; "not measured" for a language without a published, validated formula (Chinese,
   * Vietnamese, Arabic): an English formula counts syllables and sentences that mean nothing there.
   */
  readability?: { formula: "flesch-kincaid" | "inflesz"; ease?: number } | { formula: "not measured" };
  /** For a translation: whether a qualified medical translator checked it, and who. */
  translation?: { checked: boolean; checkedBy: string[] };
  /** Brand colours darkened for contrast, as "brand.primary #E07A5F → #B4543A". */
  contrastFixes?: string[];
  /** What went wrong short of failing (a blocked request). */
  warnings?: string[];
}

/** A handout that did not print (only in a build published with --keep-going). */
export interface ManifestFailure {
  clinic: string;
  handout: string;
  lang: string;
  variant: Variant;
  error: string;
}

export interface Manifest {
  handouts: ManifestEntry[];
  failures?: ManifestFailure[];
}

type Keyed = Pick<ManifestEntry, "clinic" | "handout" | "lang" | "variant">;
const byKey = (a: Keyed, b: Keyed) => {
  // Standard print before large print: VARIANTS is in that order.
  const key = (entry: Keyed) => `${entry.clinic}\u0000${entry.handout}\u0000${entry.lang}\u0000${VARIANTS.indexOf(entry.variant)}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
};

/** Same input, same bytes: entries in a fixed order, keys in a fixed order, no timestamps. */
export function sortManifest(entries: readonly ManifestEntry[], failures: readonly ManifestFailure[] = []): Manifest {
  const handouts = [...entries].sort(byKey);
  return failures.length === 0 ? { handouts } : { handouts, failures: [...failures].sort(byKey) };
}

/** Write the manifest (or a shard's part of it, by name) into `outDir`. */
export async function writeManifest(outDir: string, manifest: Manifest, name = outputPaths.manifest()): Promise<void> {
  await writeWhole(path.join(outDir, name), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** A path that stays inside the output folder: what a manifest read back may name. */
const sitePath = z.string().regex(/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[^\\\0]+$/, { error: "must be a path inside the output folder" });

/** The fields later builds rely on when they read a manifest back; the rest of each entry is carried over as written. */
const manifestSchema = z.looseObject({
  handouts: z.array(
    z.looseObject({
      clinic: z.string(),
      handout: z.string(),
      lang: z.string(),
      variant: z.enum(VARIANTS),
      html: sitePath,
      pdf: sitePath,
      thumbnail: sitePath.optional(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
  failures: z
    .array(z.looseObject({ clinic: z.string(), handout: z.string(), lang: z.string(), variant: z.enum(VARIANTS), error: z.string() }))
    .optional(),
});

/** Read back a manifest (or a shard's part of one) written by a build, like every data file: at most `limit` bytes. */
export async function readManifest(file: string, limit: number): Promise<{ manifest: Manifest } | { problems: InputProblem[] }> {
  const shown = displayPath(file);
  const read = await readJsonFile(file, shown, { limit, what: "a manifest" });
  if ("problems" in read) return read;
  const checked = manifestSchema.safeParse(read.value);
  if (!checked.success) return { problems: explainIssues(shown, manifestSchema, checked.error.issues) };
  // The value as read (objects without prototypes), not zod's copy: a key is carried over as data only.
  return { manifest: read.value as Manifest };
}
