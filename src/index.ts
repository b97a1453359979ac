// The programmatic API: everything the CLI does, for code that wants to call it directly.
export { DEFAULT_LIBRARY } from "./package.ts";
export { build, BuildInterrupted, type BuildOptions, type BuildResult, type BuildFailure } from "./build.ts";
export { loadInputs, type InputOptions, type LoadedInputs } from "./load-inputs.ts";
export { check, type CheckOptions, type CheckResult, type CheckedHandout } from "./check.ts";
export { dev, type DevOptions, type DevServer } from "./dev.ts";
export { createClinicFile, type NewClinicAnswers } from "./create-clinic-file.ts";
export type { Selection } from "./clinics/select-clinics.ts";
export { InputError, LibraryError } from "./errors.ts";
export { formatProblem, type InputProblem } from "./errors.ts";
export type { Clinic } from "./clinics/load-clinics.ts";
export type { Manifest, ManifestEntry, ManifestFailure } from "./output/manifest.ts";
export type { BuildReport, ReportRow } from "./output/report.ts";
export { launchBrowser } from "./printing/launch-browser.ts";
export { mergeManifests, parseShard, type Shard } from "./output/shards.ts";
