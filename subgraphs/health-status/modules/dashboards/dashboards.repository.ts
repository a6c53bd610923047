import { sql } from 'drizzle-orm';
import { rows, type Database } from '../../../../common/platform/db.js';
import { colorCounters, scanCounters, scans, type Color } from '../../db/tables.js';

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

  /**
   * Scans and passes per checkpoint in [from, to), busiest first, at most 1,000 checkpoints: the
   * window's whole hours from the maintained counters, its partial first and last hours from the
   * scans themselves (at most two hours of them), in one statement.
   */
  scanCountsByCheckpoint(from: string, to: string): Promise<{ checkpointId: string; scans: number; passed: number }[]> {
    const HOUR = 36e5;
    const start = Date.parse(from);
    const end = Date.parse(to);
    const firstWhole = Math.ceil(start / HOUR) * HOUR;
    const lastWhole = Math.floor(end / HOUR) * HOUR;
    const iso = (ms: number) => new Date(ms).toISOString();
    const raw = (a: string, b: string) =>
      sql`select ${scans.checkpointId} as checkpoint_id, 1 as scans, case when ${scans.pass} then 1 else 0 end as passed
          from ${scans} where ${scans.at} >= ${a}::timestamptz and ${scans.at} < ${b}::timestamptz`;
    const parts =
      firstWhole < lastWhole
        ? [
            raw(from, iso(firstWhole)),
            sql`select ${scanCounters.checkpointId}, ${scanCounters.scans}, ${scanCounters.passed} from ${scanCounters}
                where ${scanCounters.hour} >= ${iso(firstWhole)}::timestamptz and ${scanCounters.hour} < ${iso(lastWhole)}::timestamptz`,
            raw(iso(lastWhole), to),
          ]
        : [raw(from, to)];
    return rows<{ checkpointId: string; scans: number; passed: number }>(
      this.db,
      sql`select checkpoint_id as "checkpointId", sum(scans)::int as scans, sum(passed)::int as passed
          from (${sql.join(parts, sql` union all `)}) w
          group by checkpoint_id order by sum(scans) desc, checkpoint_id limit 1000`,
    );
  }
}
