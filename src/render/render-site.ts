import Eleventy from "@11ty/eleventy";
import { configureSite, TEMPLATES_DIR, type SiteInputs, type SiteOptions } from "./eleventy-config.ts";

function eleventyFor(inputs: SiteInputs, outDir: string, options: SiteOptions = {}): Eleventy {
  const eleventy = new Eleventy(TEMPLATES_DIR, outDir, {
    quietMode: true,
    configPath: false,
    config: (eleventyConfig: Parameters<typeof configureSite>[0]) => configureSite(eleventyConfig, inputs, options),
  });
  eleventy.disableLogger();
  return eleventy;
}

/** Render the whole site (pages and stylesheets, no PDFs) into `outDir` with Eleventy. */
export async function renderSite(inputs: SiteInputs, outDir: string, options: SiteOptions = {}): Promise<void> {
  await eleventyFor(inputs, outDir, options).write();
}

/** Render every page in memory, writing nothing: `url` is the page's address from the site root. */
export async function renderSitePages(inputs: SiteInputs): Promise<{ url: string; content: string }[]> {
  const pages = await eleventyFor(inputs, "_unused", { inMemory: true }).toJSON();
  return pages.map(({ url, content }) => ({ url, content }));
}
