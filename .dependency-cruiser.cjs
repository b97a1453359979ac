// Stages import one way: clinic files → typed clinics → content → pages → PDFs → manifest and report, under the
// API and the command. A module may import its own stage and earlier ones, never a later one, and nothing is circular.
const STAGES = [
  ["foundations", "^src/(errors|paths|paper|iso-dates|write-whole|package)\\.ts$"],
  ["input", "^src/input/"],
  ["fonts", "^src/fonts/"],
  ["clinics", "^src/clinics/"],
  ["branding", "^src/branding/"],
  ["content", "^src/content/"],
  ["render", "^src/render/"],
  ["printing", "^src/printing/"],
  ["output", "^src/output/"],
  ["api", "^src/(load-inputs|build|check|dev|eleventy|create-clinic-file|index)\\.ts$"],
  ["cli", "^src/cli(\\.ts$|/)"],
];

const laterThan = (index) =>
  STAGES.slice(index + 1)
    .map(([, path]) => `(${path})`)
    .join("|");

module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", comment: "Modules do not import each other in a circle.", from: {}, to: { circular: true } },
    {
      name: "in-a-stage",
      severity: "error",
      comment: "Every module of src/ belongs to a stage (see STAGES in .dependency-cruiser.cjs).",
      from: { path: "^src/", pathNot: STAGES.map(([, path]) => `(${path})`).join("|") },
      to: {},
    },
    ...STAGES.slice(0, -1).map(([name, path], index) => ({
      name: `${name}-imports-no-later-stage`,
      severity: "error",
      comment: `${name} may import only itself and earlier stages.`,
      from: { path },
      to: { path: laterThan(index) },
    })),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "^src/types/" },
  },
};
