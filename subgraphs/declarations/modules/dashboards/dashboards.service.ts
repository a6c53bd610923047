import { suppressSmall } from '../../../../common/aggregates.js';
import { dateWindow } from '../../../../common/windows.js';
import type { DeclarationsContext } from '../../context.js';

export interface DeclarationDayCount {
  date: string;
  declared: number | null;
  abnormal: number | null;
}

/** Declarations per day for dashboards; counts from 1 to 4 suppressed (SPEC §7). */
export async function declarationsPerDay(ctx: DeclarationsContext, from: string, to: string): Promise<DeclarationDayCount[]> {
  dateWindow(from, to);
  // Only `declared` and `abnormal` are published, so neither can be recovered from the other.
  return (await ctx.repo.countsPerDay(from, to)).map((d) => ({ date: d.date, declared: suppressSmall(d.declared), abnormal: suppressSmall(d.abnormal) }));
}
