import { suppressSmall } from '../../../../common/domain/aggregates.js';
import { addDays } from '../../../../common/domain/dates.js';
import { dateWindow } from '../../../../common/domain/windows.js';
import type { DeclarationsContext } from '../../context.js';

export interface DeclarationDayCount {
  date: string;
  declared: number | null;
  abnormal: number | null;
}

/**
 * Declarations per day for dashboards, every day of the window (a day nobody declared is a 0, which
 * identifies nobody, not a gap the chart would draw straight across); counts from 1 to 4 suppressed
 * (SPEC §7).
 */
export async function declarationsPerDay(ctx: DeclarationsContext, from: string, to: string): Promise<DeclarationDayCount[]> {
  dateWindow(from, to);
  const counted = new Map((await ctx.repo.dashboards.countsPerDay(from, to)).map((d) => [d.date, d]));
  const days: DeclarationDayCount[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const d = counted.get(date);
    // Only `declared` and `abnormal` are published, so neither can be recovered from the other.
    days.push({ date, declared: suppressSmall(d?.declared ?? 0), abnormal: suppressSmall(d?.abnormal ?? 0) });
  }
  return days;
}
