import { loadInputs } from "./load-inputs.ts";
import { configureSite } from "./render/eleventy-config.ts";
import { qrCodesFor } from "./render/qr-codes.ts";

// Eleventy's config API is untyped; configureSite names the part of it we use.
type EleventyConfig = Parameters<typeof configureSite>[0];

/**
 * Wire Eleventy's own commands (`npx @11ty/eleventy`, `--serve`) to the clinics in `dataDir`: every page in
 * one run, no PDFs. Sections past their review date are warnings here, as in `handouts dev`: this is a preview.
 */
export async function configureEleventy(eleventyConfig: EleventyConfig, dataDir: string) {
  const { warnings, ...inputs } = await loadInputs({ dataDir, allowOverdue: true });
  for (const warning of warnings) console.warn(`warning: ${warning}`);
  const qrCodes = await qrCodesFor(inputs.site.handoutPages);
  return configureSite(eleventyConfig, { ...inputs, kind: "whole", qrCodes });
}
