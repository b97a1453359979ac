import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where this package lies (src/ and dist/ are one level below it), and the folders it ships. */
export const PACKAGE_ROOT = fileURLToPath(new URL("../", import.meta.url));
export const TEMPLATES_DIR = path.join(PACKAGE_ROOT, "templates");

/** The handout library shipped with the package: handout definitions, and the sections and strings per language. */
export const DEFAULT_LIBRARY = {
  handoutsDir: path.join(PACKAGE_ROOT, "data", "handouts"),
  contentDir: path.join(TEMPLATES_DIR, "content"),
} as const;

/** What the commands and the API use when not told otherwise. */
export const DEFAULTS = {
  /** Folder with clinics/, logos and site.json. */
  dataDir: "data",
  /** Output folder of a build. */
  outDir: "_site",
  /** Longest one handout may take to print. */
  timeoutMs: 60_000,
  /** A handout printing to more pages than this is a runaway, not a leaflet. */
  maxPages: 40,
} as const;
