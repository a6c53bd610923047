/**
 * Calendar dates as plain 'YYYY-MM-DD' strings. Nothing here goes through `Date`, so the server's
 * time zone can never shift a birthday by a day; and because the format is fixed-width, string
 * comparison is chronological comparison.
 */

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function toDate(year: number, month: number, day: number): CalendarDate | null {
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** 'YYYY-MM-DD' → date, or null when the text is malformed or names a day that does not exist. */
export function parseIsoDate(text: string): CalendarDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? toDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** 'YYYYMMDD', the compact form inside resident IDs (GB/T 7408), → date or null. */
export function parseCompactDate(text: string): CalendarDate | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return m ? toDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

export function formatIsoDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Callers pass `today` from the request context; a malformed one is a bug, not user input. */
export function requireIsoDate(text: string, what: string): CalendarDate {
  const date = parseIsoDate(text);
  if (!date) throw new RangeError(`${what} must be a real date in YYYY-MM-DD form`);
  return date;
}

export const ADULT_AGE = 18;

/**
 * Completed years of life on `today`. Someone born on 29 February completes a year on 1 March in a
 * common year: on 28 February the anniversary has not yet arrived, because it does not exist.
 * A birth date after `today` throws: no sensible age exists and a stored birth date never is.
 */
export function ageOn(birthDate: string, today: string): number {
  const birth = requireIsoDate(birthDate, 'birthDate');
  const now = requireIsoDate(today, 'today');
  if (birthDate > today) throw new RangeError('birthDate is after today');
  const leapling = birth.month === 2 && birth.day === 29 && !isLeapYear(now.year);
  const [month, day] = leapling ? [3, 1] : [birth.month, birth.day];
  const beforeAnniversary = now.month < month || (now.month === month && now.day < day);
  return now.year - birth.year - (beforeAnniversary ? 1 : 0);
}

export function isAdult(birthDate: string, today: string): boolean {
  return ageOn(birthDate, today) >= ADULT_AGE;
}
