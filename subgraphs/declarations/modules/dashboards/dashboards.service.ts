import { suppressSmall } from '../../../../common/aggregates.js';
import { BadUserInputError } from '../../../../common/errors.js';
import type { DeclarationsContext } from '../../context.js';

const MAX_DAYS = 92;

export interface DeclarationDayCount {
  date: string;
  declared: number | null;
  abnormal: number | null;
}

/** Declarations per day for dashboards; counts from 1 to 4 suppressed (SPEC §7). */
export async function declarationsPerDay(ctx: DeclarationsContext, from: string, to: string): Promise<DeclarationDayCount[]> {
  const days = (Date.parse(to) - Date.parse(from)) / 864e5;
  if (days < 0) throw new BadUserInputError('from must not be after to', { field: 'from', reason: 'BAD_WINDOW' });
  if (days >= MAX_DAYS) throw new BadUserInputError(`a window spans at most ${MAX_DAYS} days`, { field: 'to', reason: 'BAD_WINDOW' });
  // Only `declared` and `abnormal` are published, so neither can be recovered from the other.
  return (await ctx.repo.countsPerDay(from, to)).map((d) => ({ date: d.date, declared: suppressSmall(d.declared), abnormal: suppressSmall(d.abnormal) }));
}
