import Eleventy from "@11ty/eleventy";
import { configureSite, TEMPLATES_DIR, type SiteInputs } from "./eleventy-config.ts";

/** Render the whole site (pages and stylesheets, no PDFs) into `outDir` with Eleventy. */
export async function renderSite(inputs: SiteInputs, outDir: string): Promise<void> {
  const eleventy = new Eleventy(TEMPLATES_DIR, outDir, {
    quietMode: true,
    configPath: false,
    config: (eleventyConfig: Parameters<typeof configureSite>[0]) => configureSite(eleventyConfig, inputs),
  });
  eleventy.disableLogger();
  await eleventy.write();
}
