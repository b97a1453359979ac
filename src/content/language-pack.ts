import { z } from "zod";

/** A language's interface strings and handout titles: `templates/content/<lang>/strings.json`. */
export const languagePackSchema = z.strictObject({
  languageName: z.string().min(1).describe("The language's own name for itself, e.g. Español."),
  ui: z.strictObject({
    skipToContent: z.string().min(1),
    home: z.string().min(1),
    breadcrumb: z.string().min(1).describe("Name of the breadcrumb navigation, for screen readers."),
    siteTitle: z.string().min(1),
    siteIntro: z.string().min(1),
    clinicHandouts: z.string().min(1),
    readOnline: z.string().min(1),
    downloadPdf: z.string().min(1),
    pdfPages: z.string().min(1).describe('Size of a PDF; "{pages}" and "{size}" are replaced.'),
    pdfPage: z.string().min(1).describe('Size of a one-page PDF; "{size}" is replaced.'),
    largePrint: z.string().min(1),
    printWholePack: z.string().min(1).describe("The button of a visit pack on the clinic's page: one PDF of all its handouts."),
    standardPrint: z.string().min(1),
    readOnlineAt: z.string().min(1).describe("Beside the QR code on paper, before the page's address."),
    otherLanguages: z.string().min(1),
    contactTitle: z.string().min(1),
    phone: z.string().min(1),
    afterHoursPhone: z.string().min(1),
    hours: z.string().min(1),
    email: z.string().min(1),
    website: z.string().min(1),
    address: z.string().min(1),
    lastReviewed: z.string().min(1),
    nextReview: z.string().min(1),
    version: z.string().min(1).describe("Before the handout's content version, a short code that tells printed copies apart."),
    sources: z.string().min(1),
    disclaimer: z.string().min(1),
    pageOf: z.string().min(1).describe('Footer text; "{page}" and "{pages}" are replaced by the numbers.'),
    logoAlt: z.string().min(1).describe('Alt text of the logo; "{clinic}" is replaced by the clinic name.'),
    handoutCount: z
      .partialRecord(z.enum(["zero", "one", "two", "few", "many", "other"]), z.string().min(1))
      .refine((forms) => "other" in forms, { error: 'needs at least the "other" form' })
      .describe('How many handouts a clinic has, by the language\'s plural forms (Intl.PluralRules); "{count}" is replaced.'),
    languageHelp: z.string().min(1).describe("Heading of the block that says language help is free, with taglines in other languages."),
    translationNotReviewed: z
      .string()
      .min(1)
      .describe('Notice on a translation no medical translator has checked yet; "{phone}" is replaced by the clinic\'s phone.'),
  }),
  handouts: z.record(z.string(), z.strictObject({ title: z.string().min(1), summary: z.string().min(1) })),
});

export type LanguagePack = z.output<typeof languagePackSchema> & { lang: string };
export type UiStrings = LanguagePack["ui"];

/** The direction a language is written in: Arabic, Persian, Hebrew and Urdu right to left. */
export const directionOf = (lang: string): "ltr" | "rtl" => (/^(ar|fa|he|ur|yi)(-|$)/.test(lang) ? "rtl" : "ltr");

/** Text with the clinic's phone number in it: the words before and after, so the number can be a link kept left to right. */
export interface TextAroundPhone {
  before: string;
  after: string;
}

export function splitAtPhone(template: string): TextAroundPhone {
  const [before = "", after = ""] = template.split("{phone}");
  return { before, after };
}

/** Fill `{name}` placeholders in an interface string. */
export function fillPlaceholders(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
