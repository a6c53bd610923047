import { and, asc, desc, gte, lt, sql } from 'drizzle-orm';
import type { Database } from '../../../../common/db.js';
import { colorCounters, scans, type Color } from '../../db/tables.js';

/** The aggregates dashboards read (colours by region, scans per checkpoint). */
export class DashboardsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Residents by colour and region prefix, from the maintained counters (see `colorCounters`): one
   * statement over regions × colours × slots rows, the same at 100,000 residents as at 50 million.
   */
  colorCountsByRegion(prefixLength: 2 | 4 | 6): Promise<{ region: string; color: Color; n: number }[]> {
    // The prefix length is one of three constants: inlined, so SELECT and GROUP BY are the same expression.
    const region = sql<string>`substr(${colorCounters.region}, 1, ${sql.raw(String(prefixLength))})`;
    const n = sql<number>`sum(${colorCounters.n})::int`;
    return this.db
      .select({ region, color: colorCounters.color, n })
      .from(colorCounters)
      .groupBy(region, colorCounters.color)
      .having(sql`sum(${colorCounters.n}) <> 0`);
  }

  /** Scans and passes per checkpoint in [from, to), busiest first, at most 1,000 checkpoints. */
  scanCountsByCheckpoint(from: string, to: string): Promise<{ checkpointId: string; scans: number; passed: number }[]> {
    const n = sql<number>`count(*)::int`;
    return this.db
      .select({ checkpointId: scans.checkpointId, scans: n, passed: sql<number>`(count(*) filter (where ${scans.pass}))::int` })
      .from(scans)
      .where(and(gte(scans.at, from), lt(scans.at, to)))
      .groupBy(scans.checkpointId)
      .orderBy(desc(n), asc(scans.checkpointId))
      .limit(1000);
  }
}
