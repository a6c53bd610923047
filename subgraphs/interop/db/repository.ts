import { asc, inArray } from 'drizzle-orm';
import type { Database } from '../../../common/db.js';
import { partners, type PartnerRow } from './tables.js';

export type { PartnerRow };

/** All of interop's SQL. */
export class InteropRepository {
  constructor(readonly db: Database) {}

  listPartners(): Promise<PartnerRow[]> {
    return this.db.select().from(partners).orderBy(asc(partners.code));
  }

  partnersByCodes(codes: readonly string[]): Promise<PartnerRow[]> {
    if (!codes.length) return Promise.resolve([]);
    return this.db.select().from(partners).where(inArray(partners.code, [...codes]));
  }
}
