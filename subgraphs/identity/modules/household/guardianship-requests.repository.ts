import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../../../common/platform/db.js';
import { guardianshipRequests, type GuardianshipRequestRow, type HouseholdRelation } from '../../db/tables.js';

/** Requests to guard a registered person, waiting for that person's decision. */
export class GuardianshipRequestsRepository {
  constructor(private readonly db: Database) {}

  /** A pending request for the pair, made now unless one is already waiting (then that one). */
  async requestGuardianship(row: { id: string; guardianId: string; dependentId: string; relation: HouseholdRelation }, ex: Executor): Promise<{ request: GuardianshipRequestRow; created: boolean }> {
    const [inserted] = await ex.insert(guardianshipRequests).values(row).onConflictDoNothing().returning();
    if (inserted) return { request: inserted, created: true };
    const [pending] = await ex
      .select()
      .from(guardianshipRequests)
      .where(and(eq(guardianshipRequests.guardianId, row.guardianId), eq(guardianshipRequests.dependentId, row.dependentId), eq(guardianshipRequests.status, 'PENDING')));
    if (!pending) throw new Error('pending guardianship request vanished');
    return { request: pending, created: false };
  }

  /** The request, locked until the transaction ends so two decisions cannot both apply. */
  async lockGuardianshipRequest(id: string, ex: Executor): Promise<GuardianshipRequestRow | undefined> {
    const [row] = await ex.select().from(guardianshipRequests).where(eq(guardianshipRequests.id, id)).for('update');
    return row;
  }

  async decideGuardianshipRequest(id: string, status: 'ACCEPTED' | 'DECLINED', decidedBy: string, ex: Executor): Promise<GuardianshipRequestRow> {
    const [row] = await ex.update(guardianshipRequests).set({ status, decidedAt: sql`now()`, decidedBy }).where(eq(guardianshipRequests.id, id)).returning();
    return row!;
  }

  /** Requests still waiting for any of these persons' decision, oldest first. */
  pendingGuardianshipRequestsFor(dependentIds: readonly string[]): Promise<GuardianshipRequestRow[]> {
    if (!dependentIds.length) return Promise.resolve([]);
    return this.db
      .select()
      .from(guardianshipRequests)
      .where(and(inArray(guardianshipRequests.dependentId, [...dependentIds]), eq(guardianshipRequests.status, 'PENDING')))
      .orderBy(asc(guardianshipRequests.requestedAt));
  }

}
