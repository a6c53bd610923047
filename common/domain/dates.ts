/** Local dates in the province's time zone (UTC+8, no daylight saving), as 'YYYY-MM-DD' strings. */
export type LocalDate = string;

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_PARTS = /^(\d{4})-(\d{2})-(\d{2})$/;
const NO_ZONE = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * Milliseconds since the epoch. A string without a zone is read as province time: left to
 * `Date.parse` it would be read in the server's zone (or as UTC for a bare date), and the colour of
 * a code must not depend on where the server runs.
 */
export function instantMs(instant: Date | string): number {
  let t: number;
  if (typeof instant !== 'string') t = instant.getTime();
  else if (DATE_ONLY.test(instant)) t = Date.parse(`${instant}T00:00:00+08:00`);
  else if (NO_ZONE.test(instant)) t = Date.parse(`${instant}+08:00`);
  else t = Date.parse(instant);
  if (Number.isNaN(t)) throw new RangeError(`not an instant: ${String(instant)}`);
  return t;
}

export function localDate(instant: Date | string): LocalDate {
  return fromDayNumber(Math.floor((instantMs(instant) + OFFSET_MS) / DAY_MS));
}

/**
 * Days since 1970-01-01. The rules count days with integers, and convert with plain arithmetic
 * (Hinnant's civil-date algorithms) because going through `Date` for every fact dominated the cost
 * of an evaluation.
 */
export function dayNumber(d: LocalDate): number {
  const m = DATE_PARTS.exec(d);
  const n = m ? daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])) : NaN;
  // The round trip rejects impossible dates such as 2026-02-30.
  if (Number.isNaN(n) || fromDayNumber(n) !== d) throw new RangeError(`not a local date: ${d}`);
  return n;
}

export function fromDayNumber(n: number): LocalDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function addDays(d: LocalDate, n: number): LocalDate {
  return fromDayNumber(dayNumber(d) + n);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return dayNumber(b) - dayNumber(a);
}
