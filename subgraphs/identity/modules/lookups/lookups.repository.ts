import { lt, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../../../common/platform/db.js';
import { documentLookups } from '../../db/tables.js';

/** Per-person, per-day counts of document look-ups: the daily limit on finding someone by document. */
export class LookupsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Counts one document look-up for the person today; answers false, counting nothing, once
   * `limit` were made. One statement, committed on its own so a refused call still counts.
   */
  async takeDocumentLookup(personId: string, day: string, limit: number): Promise<boolean> {
    const taken = await this.db
      .insert(documentLookups)
      .values({ personId, day, count: 1 })
      .onConflictDoUpdate({ target: [documentLookups.personId, documentLookups.day], set: { count: sql`${documentLookups.count} + 1` }, setWhere: sql`${documentLookups.count} < ${limit}` })
      .returning({ count: documentLookups.count });
    return taken.length > 0;
  }

  /**
   * Deletes at most `limit` look-up counts of days before `day`; answers how many. A bounded
   * statement, so the daily rollover never holds a long lock on the table residents count in.
   */
  async deleteDocumentLookupsBefore(day: string, limit: number, ex: Executor = this.db): Promise<number> {
    const old = ex.select({ personId: documentLookups.personId, day: documentLookups.day }).from(documentLookups).where(lt(documentLookups.day, day)).limit(limit);
    const deleted = await ex
      .delete(documentLookups)
      .where(sql`(${documentLookups.personId}, ${documentLookups.day}) in (${old})`)
      .returning({ personId: documentLookups.personId });
    return deleted.length;
  }

}
