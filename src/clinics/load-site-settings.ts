import { lstat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { InputError } from "../errors.ts";
import { readJsonFile } from "../input/read-json-file.ts";
import { displayPath } from "./load-clinics.ts";
import { explainIssues } from "../input/explain-issues.ts";

/** `<data>/site.json`: settings of the published site as a whole, all optional. */
export const siteSettingsSchema = z.strictObject({
  $schema: z.string().optional(),
  url: z
    .string()
    .max(300, { error: "is too long (at most 300 characters)" })
    .regex(/^https?:\/\/[^\s<>"]+$/, { error: "must be the web address the site is published at, starting with https://" })
    .transform((url) => (url.endsWith("/") ? url : `${url}/`))
    .optional()
    .describe(
      "Where the output folder is published, e.g. https://example.org/handouts/. Printed handouts then carry a QR code and link to their page.",
    ),
});

/** site.json holds one address; anything near this size is a mistake. */
const MAX_SITE_FILE_BYTES = 64 * 1024;

export type SiteSettings = z.output<typeof siteSettingsSchema>;

/** Read `<dataDir>/site.json` if there is one; a mistake in it is an InputError like one in a clinic file. */
export async function loadSiteSettings(dataDir: string): Promise<SiteSettings> {
  const file = path.join(dataDir, "site.json");
  // lstat, not access: a link to nowhere is a mistake to report, not an absent file.
  if (
    !(await lstat(file).then(
      () => true,
      () => false,
    ))
  )
    return {};
  const shown = displayPath(file);
  const parsed = await readJsonFile(file, shown, { limit: MAX_SITE_FILE_BYTES, what: "site.json" });
  if ("problems" in parsed) throw new InputError(parsed.problems);
  const result = siteSettingsSchema.safeParse(parsed.value);
  if (!result.success) throw new InputError(explainIssues(shown, siteSettingsSchema, result.error.issues));
  return result.data;
}
