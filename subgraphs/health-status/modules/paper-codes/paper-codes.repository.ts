import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../../../common/platform/db.js';
import { paperCodes, type PaperCodeRow } from '../../db/tables.js';

export type NewPaperCode = typeof paperCodes.$inferInsert;

/** Printed paper codes and their revocations. */
export class PaperCodesRepository {
  constructor(private readonly db: Database) {}

  async insertPaperCode(row: NewPaperCode, ex: Executor): Promise<PaperCodeRow> {
    const [inserted] = await ex.insert(paperCodes).values(row).returning();
    return inserted!;
  }

  async paperCode(id: string): Promise<PaperCodeRow | undefined> {
    const [row] = await this.db.select().from(paperCodes).where(eq(paperCodes.id, id));
    return row;
  }

  async paperCodeByRid(rid: string): Promise<PaperCodeRow | undefined> {
    const [row] = await this.db.select().from(paperCodes).where(eq(paperCodes.rid, rid));
    return row;
  }

  paperCodesOf(personIds: readonly string[]): Promise<PaperCodeRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return this.db.select().from(paperCodes).where(inArray(paperCodes.personId, [...personIds])).orderBy(desc(paperCodes.issuedAt));
  }

  async revokePaperCode(id: string, at: Date, by: string, ex: Executor): Promise<PaperCodeRow | undefined> {
    const [row] = await ex
      .update(paperCodes)
      .set({ revokedAt: at.toISOString(), revokedBy: by })
      .where(and(eq(paperCodes.id, id), sql`${paperCodes.revokedAt} is null`))
      .returning();
    return row;
  }

  /** Revokes every live paper code a guardian printed for a member; answers the revoked ids. */
  async revokePaperCodesIssuedBy(guardianId: string, personId: string, at: Date, by: string, ex: Executor): Promise<string[]> {
    const rows = await ex
      .update(paperCodes)
      .set({ revokedAt: at.toISOString(), revokedBy: by })
      .where(and(eq(paperCodes.personId, personId), eq(paperCodes.issuedByPerson, guardianId), sql`${paperCodes.revokedAt} is null`))
      .returning({ id: paperCodes.id });
    return rows.map((r) => r.id);
  }

  /** Revocation ids of a key's revoked paper codes that have not expired yet. */
  async revokedRids(kid: string, at: Date): Promise<string[]> {
    const rows = await this.db
      .select({ rid: paperCodes.rid })
      .from(paperCodes)
      .where(and(eq(paperCodes.kid, kid), sql`${paperCodes.revokedAt} is not null`, gt(paperCodes.expiresAt, at.toISOString())))
      .orderBy(asc(paperCodes.rid));
    return rows.map((r) => r.rid);
  }
}
