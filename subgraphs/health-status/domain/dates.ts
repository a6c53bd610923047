/** Local dates in the province's time zone (UTC+8, no daylight saving), as 'YYYY-MM-DD' strings. */
export type LocalDate = string;

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function localDate(instant: Date | string): LocalDate {
  const t = (typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) + OFFSET_MS;
  return new Date(t).toISOString().slice(0, 10);
}

export function addDays(d: LocalDate, n: number): LocalDate {
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}
