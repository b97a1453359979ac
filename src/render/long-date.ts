// Making a formatter is slow (Eleventy flags the filter); one per language serves every page.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A "YYYY-MM-DD" date as people write it in a language: "November 28, 2026", "28 de noviembre de 2026". */
export function longDate(isoDate: string, lang: string): string {
  let formatter = formatters.get(lang);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" });
    formatters.set(lang, formatter);
  }
  return formatter.format(new Date(`${isoDate}T00:00:00Z`));
}
