import { access } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { InputError } from "../errors.ts";
import { displayPath, readJson } from "./load-clinics.ts";
import { explainIssues } from "./plain-errors.ts";

/** `<data>/site.json`: settings of the published site as a whole, all optional. */
export const siteSettingsSchema = z.strictObject({
  $schema: z.string().optional(),
  url: z
    .string()
    .max(300, { error: "is too long (at most 300 characters)" })
    .regex(/^https?:\/\/[^\s<>"]+$/, { error: "must be the web address the site is published at, starting with https://" })
    .transform((url) => (url.endsWith("/") ? url : `${url}/`))
    .optional()
    .describe("Where the output folder is published, e.g. https://example.org/handouts/. Printed handouts then carry a QR code and link to their page."),
});

export type SiteSettings = z.output<typeof siteSettingsSchema>;

/** Read `<dataDir>/site.json` if there is one; a mistake in it is an InputError like one in a clinic file. */
export async function loadSiteSettings(dataDir: string): Promise<SiteSettings> {
  const file = path.join(dataDir, "site.json");
  if (!(await access(file).then(() => true, () => false))) return {};
  const shown = displayPath(file);
  const parsed = await readJson(file, shown);
  if ("problem" in parsed) throw new InputError([parsed.problem]);
  const result = siteSettingsSchema.safeParse(parsed.value);
  if (!result.success) throw new InputError(explainIssues(shown, siteSettingsSchema, result.error.issues));
  return result.data;
}
