/** Days as "YYYY-MM-DD" text, in UTC so a build gives the same answer wherever it runs; such text sorts by date. */

/** Today, or the day of `now`. */
export function isoToday(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The day `days` after `isoDate` (before it, when negative). */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return isoToday(date);
}
