import { BadUserInputError } from '../../../../common/errors.js';

/** A time window for tracing and counts: `from` before `to`, at most 31 days, so one call never scans a year. */
export function window(from: string, to: string): [string, string] {
  if (Date.parse(from) >= Date.parse(to)) throw new BadUserInputError('from must be before to', { field: 'from', reason: 'BAD_WINDOW' });
  if (Date.parse(to) - Date.parse(from) > 31 * 864e5) throw new BadUserInputError('a window spans at most 31 days', { field: 'to', reason: 'BAD_WINDOW' });
  return [from, to];
}
