/**
 * Numbers and dates as the chosen locale writes them, never the browser's default locale: a page in
 * German read in an English browser still shows "1.500" and "5. Dezember 2026".
 */

/** A formatter of counts and sizes for `tag` (en 1,500; de 1.500; fr 1 500). */
export function numberFormatter(tag: string): (n: number) => string {
  const format = new Intl.NumberFormat(tag);
  return (n) => format.format(n);
}

/** The time of day `epochMs` (device clock) as `tag` writes it, to the minute (en 2:05 PM; de 14:05). */
export function formatTime(tag: string, epochMs: number): string {
  return new Intl.DateTimeFormat(tag, { timeStyle: 'short' }).format(epochMs);
}

/** The calendar date of `iso` as `tag` writes it, month in words so 5/12 and 12/5 cannot be confused. */
export function formatDate(tag: string, iso: string): string {
  return new Intl.DateTimeFormat(tag, { dateStyle: 'long' }).format(new Date(iso));
}
