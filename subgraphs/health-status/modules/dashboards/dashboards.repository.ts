import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Database } from '../../../../common/db.js';
import { scans, healthCodes, persons, type Color } from '../../db/tables.js';

/** The aggregates dashboards read (colours by region, scans per checkpoint). */
export class DashboardsRepository {
  constructor(private readonly db: Database) {}

  /** Residents by stored colour and region prefix; no stored code yet means nothing ever made it other than GREEN. */
  colorCountsByRegion(prefixLength: 2 | 4 | 6): Promise<{ region: string; color: Color; n: number }[]> {
    // The prefix length is one of three constants: inlined, so SELECT and GROUP BY are the same expression.
    const region = sql<string>`substr(${persons.region}, 1, ${sql.raw(String(prefixLength))})`;
    const color = sql<Color>`coalesce(${healthCodes.color}, 'GREEN')`;
    return this.db
      .select({ region, color, n: sql<number>`count(*)::int` })
      .from(persons)
      .leftJoin(healthCodes, eq(healthCodes.personId, persons.personId))
      .groupBy(region, color);
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
