import { and, asc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { CREDENTIALS_CHANNEL } from '../../../../common/platform/api-keys.js';
import type { Database, Executor } from '../../../../common/platform/db.js';
import { partnerKeys, partners, type PartnerKeyRow, type PartnerRow } from '../../db/tables.js';

export type NewPartner = typeof partners.$inferInsert;

/** Partner provinces, their rights and their signing keys (current and retiring). */
export class PartnersRepository {
  constructor(private readonly db: Database) {}

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

}
