import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../../../common/platform/db.js';
import { appealNotes, appeals, type AppealNoteRow, type AppealRow, type AppealStatus } from '../../db/tables.js';

export type NewAppeal = typeof appeals.$inferInsert;

/** Appeals against a colour and their decisions. */
export class AppealsRepository {
  constructor(private readonly db: Database) {}

  async insertAppeal(row: NewAppeal, ex: Executor): Promise<AppealRow> {
    const [inserted] = await ex.insert(appeals).values(row).returning();
    return inserted!;
  }

  async appealForUpdate(id: string, ex: Executor): Promise<AppealRow | undefined> {
    const [row] = await ex.select().from(appeals).where(eq(appeals.id, id)).for('update');
    return row;
  }

  async decideAppeal(id: string, status: AppealStatus, at: Date, by: string, note: string | null, ex: Executor): Promise<AppealRow> {
    const [row] = await ex.update(appeals).set({ status, decidedAt: at.toISOString(), decidedBy: by, decisionNote: note }).where(eq(appeals.id, id)).returning();
    return row!;
  }

  async insertNote(row: typeof appealNotes.$inferInsert, ex: Executor): Promise<AppealNoteRow> {
    const [inserted] = await ex.insert(appealNotes).values(row).returning();
    return inserted!;
  }

  notesOf(appealIds: readonly string[]): Promise<AppealNoteRow[]> {
    if (!appealIds.length) return Promise.resolve([]);
    return this.db.select().from(appealNotes).where(inArray(appealNotes.appealId, [...appealIds])).orderBy(asc(appealNotes.at), asc(appealNotes.id));
  }

  appealsOf(personIds: readonly string[]): Promise<AppealRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return this.db.select().from(appeals).where(inArray(appeals.personId, [...personIds])).orderBy(desc(appeals.filedAt));
  }

  appealsByStatus(status: AppealStatus, limit: number, after?: [string, string]): Promise<AppealRow[]> {
    return this.db
      .select()
      .from(appeals)
      .where(and(eq(appeals.status, status), after ? sql`(${appeals.filedAt}, ${appeals.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined))
      .orderBy(asc(appeals.filedAt), asc(appeals.id))
      .limit(limit);
  }
}
