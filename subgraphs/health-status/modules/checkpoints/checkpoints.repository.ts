import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../../../common/platform/db.js';
import { checkpoints, roadChecks, scans, type CheckpointRow, type RoadCheckRow, type ScanRow } from '../../db/tables.js';

export type NewCheckpoint = typeof checkpoints.$inferInsert;
export type NewScan = typeof scans.$inferInsert;
export type NewRoadCheck = typeof roadChecks.$inferInsert;

/** Checkpoints and the scans made at them. */
export class CheckpointsRepository {
  /**
   * Checkpoints known to exist. A checkpoint is never deleted nor renamed, so a found row stays true
   * and a scan need not ask again; an unknown id is always asked (it may have been registered since).
   */
  private readonly known = new Map<string, CheckpointRow>();

  constructor(private readonly db: Database) {}

  /** The registered checkpoint with this id, from memory once it has been read. */
  async registeredCheckpoint(id: string): Promise<CheckpointRow | undefined> {
    const hit = this.known.get(id);
    if (hit) return hit;
    const [found] = await this.checkpointsByIds([id]);
    // Bounded: the province has thousands of checkpoints, not millions; start over if it ever grows past.
    if (found && this.known.size >= 100_000) this.known.clear();
    if (found) this.known.set(id, found);
    return found;
  }

  async insertCheckpoint(row: NewCheckpoint): Promise<CheckpointRow> {
    const [inserted] = await this.db.insert(checkpoints).values(row).returning();
    return inserted!;
  }

  checkpointsByIds(ids: readonly string[]): Promise<CheckpointRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db.select().from(checkpoints).where(inArray(checkpoints.id, [...ids]));
  }

  /** A page of checkpoints, oldest first, in a region (by code prefix) when asked. */
  listCheckpoints(limit: number, regionPrefix?: string, after?: [string, string]): Promise<CheckpointRow[]> {
    return this.db
      .select()
      .from(checkpoints)
      .where(
        and(
          regionPrefix ? sql`${checkpoints.region} like ${`${regionPrefix}%`}` : undefined,
          after ? sql`(${checkpoints.createdAt}, ${checkpoints.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
        ),
      )
      .orderBy(asc(checkpoints.createdAt), asc(checkpoints.id))
      .limit(limit);
  }

  /** The scan's insert, not yet sent: the caller writes it in one statement with the scan's audit row. */
  scanInsert(row: NewScan) {
    return this.db.insert(scans).values(row);
  }

  /** Many scans in one statement (the demo seed's history); the counters' trigger sees each row. */
  async insertScans(rows: NewScan[], ex: Executor = this.db): Promise<void> {
    if (rows.length) await ex.insert(scans).values(rows);
  }

  async insertScan(row: NewScan, ex: Executor = this.db): Promise<ScanRow> {
    const [inserted] = await ex.insert(scans).values(row).returning();
    return inserted!;
  }

  /** The scan a checkpoint's verifier recorded under the id it fixed on the phone. */
  async scanByClientId(checkpointId: string, clientScanId: string): Promise<ScanRow | undefined> {
    const [found] = await this.db.select().from(scans).where(and(eq(scans.checkpointId, checkpointId), eq(scans.clientScanId, clientScanId)));
    return found;
  }

  /**
   * Records a scan that carries the phone's id unless that checkpoint already has it: answers whether
   * this insert recorded it. A skipped row never reaches the counter trigger (it counts inserted rows).
   */
  async insertScanOnce(row: NewScan, ex: Executor = this.db): Promise<boolean> {
    const inserted = await ex
      .insert(scans)
      .values(row)
      .onConflictDoNothing({ target: [scans.checkpointId, scans.clientScanId] })
      .returning({ id: scans.id });
    return inserted.length > 0;
  }

  async roadCheck(checkpointId: string, id: string): Promise<RoadCheckRow | undefined> {
    const [found] = await this.db.select().from(roadChecks).where(and(eq(roadChecks.checkpointId, checkpointId), eq(roadChecks.id, id)));
    return found;
  }

  /** Records a road check once; answers the row that stands (this one, or the one recorded first). */
  async insertRoadCheckOnce(row: NewRoadCheck): Promise<RoadCheckRow> {
    const [inserted] = await this.db.insert(roadChecks).values(row).onConflictDoNothing().returning();
    return inserted ?? (await this.roadCheck(row.checkpointId, row.id))!;
  }

  /** Scans in [from, to) for a checkpoint or a person, oldest first, after a keyset cursor. */
  scansIn(by: { checkpointId: string } | { personId: string }, from: string, to: string, limit: number, after?: [string, string]): Promise<ScanRow[]> {
    const who = 'checkpointId' in by ? eq(scans.checkpointId, by.checkpointId) : eq(scans.personId, by.personId);
    return this.db
      .select()
      .from(scans)
      .where(and(who, gte(scans.at, from), lt(scans.at, to), after ? sql`(${scans.at}, ${scans.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined))
      .orderBy(asc(scans.at), asc(scans.id))
      .limit(limit);
  }
}
