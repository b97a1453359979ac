/** A "YYYY-MM-DD" date as people write it in a language: "November 28, 2026", "28 de noviembre de 2026". */
export function longDate(isoDate: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${isoDate}T00:00:00Z`));
}
