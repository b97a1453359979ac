// For Eleventy's own commands: `npx @11ty/eleventy` builds the pages of the clinics in data/ (or $HANDOUTS_DATA)
// into _pages/, without PDFs; `npx @11ty/eleventy --serve` serves them. It runs the compiled package, so run
// `npm run setup` first. `npm start` builds the whole site with its PDFs into _site/; `npm run dev` previews both.
import { configureEleventy } from "./dist/eleventy.js";

export default async function (eleventyConfig) {
  const config = await configureEleventy(eleventyConfig, process.env.HANDOUTS_DATA ?? "data");
  return { ...config, dir: { ...config.dir, output: "_pages" } };
}
