import { and, eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../../../common/platform/db.js';
import type { EventHandlers } from '../../../../common/platform/events/typed.js';
import { partnerRequests, residentStatus, type ResidentStatusRow } from '../../db/tables.js';

export type StoredRequest = typeof partnerRequests.$inferSelect;

/**
 * What partners ask about and tell us: the answer stored for each request id (so a retry gets the same
 * one), and the residents' colours as identity and health-status announce them.
 */
export class StatusRepository {
  constructor(private readonly db: Database) {}

  /** The stored answer to a partner request, locked for the rest of the transaction. */
  async storedRequest(partnerCode: string, requestId: string, ex: Executor): Promise<StoredRequest | undefined> {
    const [row] = await ex
      .select()
      .from(partnerRequests)
      .where(and(eq(partnerRequests.partnerCode, partnerCode), eq(partnerRequests.requestId, requestId)))
      .for('update');
    return row;
  }

  /** Claims a request id; answers false when another transaction claimed it first. */
  async storeRequest(row: typeof partnerRequests.$inferInsert, ex: Executor): Promise<boolean> {
    const inserted = await ex.insert(partnerRequests).values(row).onConflictDoNothing().returning({ requestId: partnerRequests.requestId });
    return inserted.length > 0;
  }

  async residentByDocument(documentType: string, documentIndex: string, ex: Executor = this.db): Promise<ResidentStatusRow | undefined> {
    const [row] = await ex
      .select()
      .from(residentStatus)
      .where(and(eq(residentStatus.documentType, documentType), eq(residentStatus.documentIndex, documentIndex)));
    return row;
  }

  /** Identity's registrations and health-status's colour changes, kept as one row per resident. */
  readonly events: Pick<EventHandlers, 'PersonRegistered' | 'CodeColorChanged'> = {
    PersonRegistered: async (tx, p, event) => {
      await tx
        .insert(residentStatus)
        .values({ personId: p.personId, documentType: p.documentType, documentIndex: p.documentIndex, asOf: event.occurredAt })
        .onConflictDoNothing();
    },
    CodeColorChanged: async (tx, p, event) => {
      await tx
        .update(residentStatus)
        .set({ color: p.to, ruleVersion: p.ruleVersion, asOf: event.occurredAt })
        .where(and(eq(residentStatus.personId, p.personId), sql`${residentStatus.asOf} <= ${event.occurredAt}::timestamptz`));
    },
  };

  /** A deleted account's row: partners can no longer ask for the person by document. */
  async deleteResident(personId: string, tx: Executor): Promise<{ resident_status: number }> {
    const deleted = await tx.delete(residentStatus).where(eq(residentStatus.personId, personId)).returning({ personId: residentStatus.personId });
    return { resident_status: deleted.length };
  }
}
