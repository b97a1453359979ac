// The programmatic API: everything the CLI does, for code that wants to call it directly.
export { build, BuildInterrupted, loadInputs, DEFAULT_LIBRARY, type BuildOptions, type BuildResult, type BuildFailure } from "./build.ts";
export { InputError, LibraryError } from "./errors.ts";
export { formatProblem, type InputProblem } from "./clinics/plain-errors.ts";
export type { Clinic } from "./clinics/load-clinics.ts";
export type { Manifest, ManifestEntry } from "./output/manifest.ts";
export { launchBrowser } from "./printing/launch-browser.ts";
export { mergeManifests, parseShard, type Shard } from "./output/shards.ts";
