import { and, asc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { CREDENTIALS_CHANNEL } from '../../../common/api-keys.js';
import type { AuditRecord } from '../../../common/audit.js';
import type { Database, Executor } from '../../../common/db.js';
import { writeAudit } from '../../../common/db/audit.js';
import type { EventHandlers } from '../../../common/events/typed.js';
import {
  auditLog,
  foreignScans,
  partnerKeys,
  partnerRequests,
  partners,
  residentStatus,
  type PartnerKeyRow,
  type PartnerRow,
  type ResidentStatusRow,
} from './tables.js';

export type { PartnerKeyRow, PartnerRow, ResidentStatusRow };
export type NewPartner = typeof partners.$inferInsert;
export type AuditEntry = typeof auditLog.$inferInsert;
export type StoredRequest = typeof partnerRequests.$inferSelect;

/** All of interop's SQL. */
export class InteropRepository {
  constructor(readonly db: Database) {}

  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  listPartners(): Promise<PartnerRow[]> {
    return this.db.select().from(partners).orderBy(asc(partners.code));
  }

  partnersByCodes(codes: readonly string[], ex: Executor = this.db): Promise<PartnerRow[]> {
    if (!codes.length) return Promise.resolve([]);
    return ex.select().from(partners).where(inArray(partners.code, [...codes]));
  }

  async insertPartner(row: NewPartner, keys: { kid: string; jwk: Record<string, unknown> }[], ex: Executor): Promise<PartnerRow | undefined> {
    const [inserted] = await ex.insert(partners).values(row).onConflictDoNothing().returning();
    if (inserted) await ex.insert(partnerKeys).values(keys.map((k) => ({ partnerCode: row.code, kid: k.kid, jwk: k.jwk })));
    return inserted;
  }

  async setStatus(code: string, status: 'ACTIVE' | 'SUSPENDED', ex: Executor): Promise<PartnerRow | undefined> {
    const [row] = await ex.update(partners).set({ status, updatedAt: sql`now()` }).where(eq(partners.code, code)).returning();
    return row;
  }

  /** Gateways LISTEN: they drop their cached partner trust when the transaction commits. */
  async notifyGateways(code: string, ex: Executor): Promise<void> {
    await ex.execute(sql`select pg_notify(${CREDENTIALS_CHANNEL}, ${`partner:${code}`})`);
  }

  /** New keys take over; the current ones retire at `retireAt` (kept for tokens in flight). */
  async rotateKeys(code: string, jwks: { keys: Record<string, unknown>[] }, keys: { kid: string; jwk: Record<string, unknown> }[], retireAt: string, ex: Executor): Promise<PartnerRow | undefined> {
    const [row] = await ex.update(partners).set({ jwks, updatedAt: sql`now()` }).where(eq(partners.code, code)).returning();
    if (!row) return undefined;
    await ex.update(partnerKeys).set({ notAfter: retireAt }).where(and(eq(partnerKeys.partnerCode, code), isNull(partnerKeys.notAfter)));
    await ex
      .insert(partnerKeys)
      .values(keys.map((k) => ({ partnerCode: code, kid: k.kid, jwk: k.jwk })))
      .onConflictDoUpdate({ target: [partnerKeys.partnerCode, partnerKeys.kid], set: { jwk: sql`excluded.jwk`, notAfter: null } });
    return row;
  }

  /** Keys that verify at `at`: current ones and retired ones still in their grace period. */
  keysValidAt(codes: readonly string[] | 'all', at: Date): Promise<(PartnerKeyRow & { status: string })[]> {
    const valid = or(isNull(partnerKeys.notAfter), gt(partnerKeys.notAfter, at.toISOString()));
    return this.db
      .select({ partnerCode: partnerKeys.partnerCode, kid: partnerKeys.kid, jwk: partnerKeys.jwk, addedAt: partnerKeys.addedAt, notAfter: partnerKeys.notAfter, status: partners.status })
      .from(partnerKeys)
      .innerJoin(partners, eq(partners.code, partnerKeys.partnerCode))
      .where(and(valid, codes === 'all' ? undefined : inArray(partnerKeys.partnerCode, [...codes])))
      .orderBy(asc(partnerKeys.partnerCode), asc(partnerKeys.addedAt));
  }

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

  async insertForeignScan(row: typeof foreignScans.$inferInsert): Promise<void> {
    await this.db.insert(foreignScans).values(row);
  }

  /** Audit rows, with the access-log events of the rows about a person read by someone else. */
  audit(entries: AuditRecord[], ex: Executor = this.db): Promise<void> {
    return writeAudit(ex, auditLog, entries);
  }
}
