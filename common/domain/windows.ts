import { addDays, instantMs, type LocalDate } from './dates.js';
import { BadUserInputError } from '../platform/errors.js';

/**
 * The one rule for the time windows a query may ask for: a window is the half-open span [start, end),
 * it must not be empty, and it spans at most a bound number of days, so one call never reads a year.
 * An instant window (`DateTime` from/to) is [from, to). A date window (`Date` from/to, both days
 * included, as a dashboard's axis reads) is [from 00:00, the day after `to` 00:00) in province time.
 *
 * The bounds differ because the rows behind them do: an instant window reads raw scans (one row per
 * scan, millions a day across the province), so it is kept to a tracing month; a date window reads
 * maintained per-day counters (one row per day), so a quarter costs 92 rows.
 */
export const WINDOW_MAX_DAYS = { instants: 31, dates: 92 } as const;

const DAY_MS = 864e5;

/** `[from, to)` between two instants, checked; answers them unchanged. */
export function instantWindow(from: string, to: string): [string, string] {
  check(instantMs(from), instantMs(to), WINDOW_MAX_DAYS.instants, 'from must be before to');
  return [from, to];
}

/** `from` to `to`, both local dates included, checked; answers them unchanged. */
export function dateWindow(from: LocalDate, to: LocalDate): [LocalDate, LocalDate] {
  check(instantMs(from), instantMs(addDays(to, 1)), WINDOW_MAX_DAYS.dates, 'from must not be after to');
  return [from, to];
}

function check(start: number, end: number, maxDays: number, empty: string): void {
  if (end <= start) throw new BadUserInputError(empty, { field: 'from', reason: 'BAD_WINDOW' });
  if (end - start > maxDays * DAY_MS) throw new BadUserInputError(`a window spans at most ${maxDays} days`, { field: 'to', reason: 'BAD_WINDOW' });
}
