import { asc, sql } from 'drizzle-orm';
import type { Database } from '../../../../common/platform/db.js';
import { dayCounters } from '../../db/tables.js';

/** The declaration counters the dashboard reads (kept by triggers on the versions table). */
export class DashboardsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Current declarations per local day in [from, to], and how many were not normal, from the
   * maintained counters (see `dayCounters`): days × slots rows, whatever the number of residents.
   * Days with none are absent; the dashboard service answers them as zeros.
   */
  countsPerDay(from: string, to: string): Promise<{ date: string; declared: number; abnormal: number }[]> {
    const c = dayCounters;
    return this.db
      .select({ date: c.localDate, declared: sql<number>`sum(${c.declared})::int`, abnormal: sql<number>`sum(${c.abnormal})::int` })
      .from(c)
      .where(sql`${c.localDate} between ${from}::date and ${to}::date`)
      .groupBy(c.localDate)
      .having(sql`sum(${c.declared}) <> 0`)
      .orderBy(asc(c.localDate));
  }

}
