import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../../../common/platform/db.js';
import type { TravellerStatusReceived } from '../../../../common/platform/events/contracts.js';
import { pendingTravellers, riskDesignations, type RiskDesignationRow } from '../../db/tables.js';

export type NewDesignation = typeof riskDesignations.$inferInsert;

/** Risk designations and partners' traveller statements waiting for their person to register. */
export class DesignationsRepository {
  constructor(private readonly db: Database) {}

  designationsOf(personIds: readonly string[], ex: Executor = this.db): Promise<RiskDesignationRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return ex
      .select()
      .from(riskDesignations)
      .where(inArray(riskDesignations.personId, [...personIds]))
      .orderBy(desc(riskDesignations.since));
  }

  async designation(id: string, ex: Executor = this.db): Promise<RiskDesignationRow | undefined> {
    const [row] = await ex.select().from(riskDesignations).where(eq(riskDesignations.id, id)).for('update');
    return row;
  }

  async insertDesignations(rows: NewDesignation[], ex: Executor): Promise<RiskDesignationRow[]> {
    const out: RiskDesignationRow[] = [];
    for (let i = 0; i < rows.length; i += 1000) out.push(...(await ex.insert(riskDesignations).values(rows.slice(i, i + 1000)).returning()));
    return out;
  }

  /** `at` comes from the service clock: the rules compare it with the time they evaluate at. */
  async liftDesignation(id: string, at: Date, by: string, note: string | null, ex: Executor): Promise<RiskDesignationRow> {
    const [row] = await ex
      .update(riskDesignations)
      .set({ liftedAt: at.toISOString(), liftedBy: by, liftNote: note })
      .where(eq(riskDesignations.id, id))
      .returning();
    return row!;
  }

  async voidDesignation(id: string, at: Date, by: string, reason: string, ex: Executor): Promise<void> {
    await ex.update(riskDesignations).set({ voidedAt: at.toISOString(), voidedBy: by, voidReason: reason }).where(eq(riskDesignations.id, id));
  }

  async addPendingTraveller(row: typeof pendingTravellers.$inferInsert, ex: Executor): Promise<void> {
    await ex.insert(pendingTravellers).values(row).onConflictDoNothing();
  }

  /** Takes (reads and deletes) the pending statements about a document. */
  async takePendingTravellers(documentType: string, documentIndex: string, ex: Executor): Promise<TravellerStatusReceived[]> {
    const rows = await ex
      .delete(pendingTravellers)
      .where(and(eq(pendingTravellers.documentType, documentType), eq(pendingTravellers.documentIndex, documentIndex)))
      .returning({ payload: pendingTravellers.payload });
    return rows.map((r) => r.payload);
  }

  /** Active designations of a kind for a person, to lift when a partner's green is recognised. */
  async activeDesignationsOfKind(personId: string, kind: string, ex: Executor): Promise<RiskDesignationRow[]> {
    return ex
      .select()
      .from(riskDesignations)
      .where(and(eq(riskDesignations.personId, personId), eq(riskDesignations.kind, kind as RiskDesignationRow['kind']), sql`${riskDesignations.liftedAt} is null and ${riskDesignations.voidedAt} is null`));
  }
}
