import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../../common/db.js';
import { auditLog, channelBindings, channels, persons, type ChannelRow, type DocumentType, type PersonRow } from './tables.js';

export type { ChannelRow, PersonRow };
export type NewPerson = typeof persons.$inferInsert;
export type AuditEntry = typeof auditLog.$inferInsert;
export interface BindingRow {
  personId: string;
  channel: string;
  channelUser: string;
  boundAt: string;
}

/** All of identity's SQL. Methods take an optional executor so a service can run them in one transaction. */
export class IdentityRepository {
  constructor(readonly db: Database) {}

  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

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

  async bindingOf(channel: string, channelUser: string, ex: Executor = this.db): Promise<BindingRow | undefined> {
    const [row] = await ex
      .select()
      .from(channelBindings)
      .where(and(eq(channelBindings.channel, channel), eq(channelBindings.channelUser, channelUser)));
    return row;
  }

  /** Binds unless this channel user is bound already; answers the binding that holds afterwards. */
  async bind(channel: string, channelUser: string, personId: string, ex: Executor): Promise<BindingRow> {
    const [inserted] = await ex.insert(channelBindings).values({ channel, channelUser, personId }).onConflictDoNothing().returning();
    if (inserted) return inserted;
    const existing = await this.bindingOf(channel, channelUser, ex);
    if (!existing) throw new Error('binding vanished during registration');
    return existing;
  }

  bindingsOfPersons(personIds: readonly string[]): Promise<BindingRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return this.db.select().from(channelBindings).where(inArray(channelBindings.personId, [...personIds])).orderBy(channelBindings.boundAt);
  }

  listChannels(): Promise<ChannelRow[]> {
    return this.db.select().from(channels).orderBy(channels.code);
  }

  async upsertChannels(rows: { code: string; name: string; kind: ChannelRow['kind'] }[]): Promise<void> {
    if (!rows.length) return;
    await this.db
      .insert(channels)
      .values(rows)
      .onConflictDoUpdate({ target: channels.code, set: { name: sql`excluded.name`, kind: sql`excluded.kind` } });
  }

  async audit(entries: AuditEntry[], ex: Executor = this.db): Promise<void> {
    if (entries.length) await ex.insert(auditLog).values(entries);
  }

  auditOf(personId: string): Promise<(typeof auditLog.$inferSelect)[]> {
    return this.db.select().from(auditLog).where(eq(auditLog.personId, personId)).orderBy(auditLog.id);
  }
}
