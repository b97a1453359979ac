import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

/**
 * `templates/content/language-help.json`: the taglines that tell, each in its own language, that language
 * help and aids such as large print are free, with the clinic's phone (US Section 1557, 45 CFR 92.11).
 */
export const languageHelpSchema = z.strictObject({
  source: z.strictObject({ name: z.string().min(1), url: z.string().regex(/^https:\/\//) }),
  taglines: z
    .array(
      z.strictObject({
        lang: z.string().min(2).describe("BCP 47 language tag."),
        dir: z.enum(["ltr", "rtl"]),
        languageName: z.string().min(1).describe("The language's own name for itself."),
        englishName: z.string().min(1),
        text: z
          .string()
          .min(1)
          .refine((text) => text.split("{phone}").length === 2, { error: 'must hold "{phone}" exactly once' }),
      }),
    )
    .min(15, { error: "needs taglines in at least the 15 most common languages" }),
});

export type LanguageHelp = z.output<typeof languageHelpSchema>;
export type Tagline = LanguageHelp["taglines"][number];

/** The file of taglines beside the language folders. */
export const languageHelpFile = (contentDir: string) => path.join(contentDir, "language-help.json");

export async function readLanguageHelp(contentDir: string): Promise<unknown> {
  return JSON.parse(await readFile(languageHelpFile(contentDir), "utf8"));
}
