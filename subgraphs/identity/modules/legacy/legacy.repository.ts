import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Database, Executor } from '../../../../common/platform/db.js';
import { auditLog, channelBindings, legacyConflicts, persons, type DocumentType, type LegacyConflictRow } from '../../db/tables.js';

export type { LegacyConflictRow };
export type NewLegacyConflict = typeof legacyConflicts.$inferInsert;
type NewPerson = typeof persons.$inferInsert;
type NewAudit = typeof auditLog.$inferInsert;

/** What a batch needs to know of a person already holding one of its documents. */
export interface HolderRow {
  id: string;
  documentType: DocumentType;
  documentIndex: string;
  name: string;
  birthDate: string | null;
}

/** Rows per INSERT: far below PostgreSQL's 65,535 parameters for the widest table here. */
const CHUNK = 2000;

async function chunked<T, R>(rows: T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(...(await run(rows.slice(i, i + CHUNK))));
  return out;
}

/** The legacy import's SQL: a batch is read in two statements and written in one per table. */
export class LegacyRepository {
  constructor(private readonly db: Database) {}

  /** Persons holding any of these documents (type and blind index). */
  holders(docs: { documentType: DocumentType; documentIndex: string }[], ex: Executor): Promise<HolderRow[]> {
    if (!docs.length) return Promise.resolve([]);
    const types = [...new Set(docs.map((d) => d.documentType))];
    const indexes = [...new Set(docs.map((d) => d.documentIndex))];
    return ex
      .select({ id: persons.id, documentType: persons.documentType, documentIndex: persons.documentIndex, name: persons.name, birthDate: persons.birthDate })
      .from(persons)
      .where(and(inArray(persons.documentType, types), inArray(persons.documentIndex, indexes)));
  }

  /** The vendor's users already bound, with the document of the person each is bound to. */
  boundUsers(vendor: string, users: string[], ex: Executor): Promise<{ channelUser: string; personId: string; documentType: DocumentType; documentIndex: string; documentMasked: string }[]> {
    if (!users.length) return Promise.resolve([]);
    return ex
      .select({
        channelUser: channelBindings.channelUser,
        personId: channelBindings.personId,
        documentType: persons.documentType,
        documentIndex: persons.documentIndex,
        documentMasked: persons.documentMasked,
      })
      .from(channelBindings)
      .innerJoin(persons, eq(persons.id, channelBindings.personId))
      .where(and(eq(channelBindings.channel, vendor), inArray(channelBindings.channelUser, users)));
  }

  /** Inserts the new persons; answers the ids actually inserted (a concurrent writer may have won some). */
  async insertPersons(rows: NewPerson[], ex: Executor): Promise<Set<string>> {
    const ids = await chunked(rows, (c) => ex.insert(persons).values(c).onConflictDoNothing().returning({ id: persons.id }));
    return new Set(ids.map((r) => r.id));
  }

  /** Binds vendor users; answers the users actually bound now. */
  async bind(vendor: string, rows: { channelUser: string; personId: string }[], ex: Executor): Promise<Set<string>> {
    const bound = await chunked(rows, (c) =>
      ex
        .insert(channelBindings)
        .values(c.map((r) => ({ channel: vendor, ...r })))
        .onConflictDoNothing()
        .returning({ user: channelBindings.channelUser }),
    );
    return new Set(bound.map((r) => r.user));
  }

  async audit(rows: NewAudit[], ex: Executor): Promise<void> {
    await chunked(rows, async (c) => {
      await ex.insert(auditLog).values(c);
      return [];
    });
  }

  /** Records conflicts; one already reported (same vendor, user and kind) stays as it was. */
  async reportConflicts(rows: NewLegacyConflict[], ex: Executor): Promise<void> {
    await chunked(rows, async (c) => {
      await ex.insert(legacyConflicts).values(c).onConflictDoNothing();
      return [];
    });
  }

  /** Newest first (ids are time-ordered uuid v7), after the cursor's id. */
  conflicts(opts: { vendor: string | null; limit: number; afterId?: string }): Promise<LegacyConflictRow[]> {
    const where = and(opts.vendor ? eq(legacyConflicts.vendor, opts.vendor) : undefined, opts.afterId ? lt(legacyConflicts.id, opts.afterId) : undefined);
    return this.db.select().from(legacyConflicts).where(where).orderBy(desc(legacyConflicts.id)).limit(opts.limit);
  }
}
