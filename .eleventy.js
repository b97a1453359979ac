// Eleventy config for running Eleventy itself (`node --import tsx node_modules/@11ty/eleventy/cmd.cjs`): loads and
// checks the clinics in $HANDOUTS_DATA (default data/) and wires the site as `handouts build` does, without PDFs.
// Staff preview with `npm run dev` (handouts dev), which also re-prints the PDFs.
import { loadInputs } from "./src/build.ts";
import { configureSite } from "./src/render/eleventy-config.ts";

export default async function (eleventyConfig) {
  const { warnings, ...inputs } = await loadInputs({ dataDir: process.env.HANDOUTS_DATA ?? "data" });
  for (const warning of warnings) console.warn(`warning: ${warning}`);
  // The watcher cannot parse TypeScript imports; templates, styles and sections are still watched.
  eleventyConfig.setWatchJavaScriptDependencies(false);
  return configureSite(eleventyConfig, inputs);
}
