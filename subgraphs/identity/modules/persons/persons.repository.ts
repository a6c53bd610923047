import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../../../common/platform/db.js';
import { persons, type DocumentType, type PersonRow } from '../../db/tables.js';

export type NewPerson = typeof persons.$inferInsert;

/** The person registry: one row per document, whoever typed it in. */
export class PersonsRepository {
  constructor(private readonly db: Database) {}

  personsByIds(ids: readonly string[], ex: Executor = this.db): Promise<PersonRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return ex.select().from(persons).where(inArray(persons.id, [...ids]));
  }

  async personByDocument(documentType: DocumentType, documentIndex: string, ex: Executor = this.db): Promise<PersonRow | undefined> {
    const [row] = await ex
      .select()
      .from(persons)
      .where(and(eq(persons.documentType, documentType), eq(persons.documentIndex, documentIndex)));
    return row;
  }

  /** Inserts unless the document is already held; answers the row either way and whether it is new. */
  async insertPersonIfAbsent(row: NewPerson, ex: Executor): Promise<{ person: PersonRow; created: boolean }> {
    const [inserted] = await ex.insert(persons).values(row).onConflictDoNothing().returning();
    if (inserted) return { person: inserted, created: true };
    const existing = await this.personByDocument(row.documentType, row.documentIndex, ex);
    if (!existing) throw new Error('person vanished during registration');
    return { person: existing, created: false };
  }

  /** The document holder's own registration replaces what someone else typed into their record. */
  async replacePersonFields(id: string, fields: Pick<NewPerson, 'name' | 'sex' | 'birthDate' | 'region' | 'address' | 'phoneCipher' | 'phoneMasked'>, ex: Executor): Promise<PersonRow> {
    const [row] = await ex.update(persons).set({ ...fields, updatedAt: sql`now()` }).where(eq(persons.id, id)).returning();
    return row!;
  }


  /** Locks persons in id order (so two households never deadlock) before their counts are checked. */
  async lockPersons(ids: string[], ex: Executor): Promise<void> {
    // One array parameter (not an IN list): the same prepared statement for two ids or a legacy batch's 2,000.
    await ex.select({ id: persons.id }).from(persons).where(sql`${persons.id} = any(${sql.param(ids)}::uuid[])`).orderBy(asc(persons.id)).for('update');
  }

}
