import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../../../common/platform/db.js';
import { declarationVersions, type DeclarationRow } from '../../db/tables.js';

export type NewDeclaration = typeof declarationVersions.$inferInsert;

/** Declaration versions: every version of a person's day is kept, the newest one current. */
export class DeclarationVersionsRepository {
  constructor(private readonly db: Database) {}

  /** Current versions, newest day first, for one person; `before` is the last day already seen. */
  currentOf(personId: string, limit: number, before?: string): Promise<DeclarationRow[]> {
    return this.db
      .select()
      .from(declarationVersions)
      .where(
        and(
          eq(declarationVersions.personId, personId),
          isNull(declarationVersions.supersededAt),
          before ? lt(declarationVersions.localDate, before) : undefined,
        ),
      )
      .orderBy(desc(declarationVersions.localDate))
      .limit(limit);
  }

  /** The current version of one day for many persons at once: one statement for a whole household. */
  currentOnDay(personIds: readonly string[], localDate: string): Promise<DeclarationRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return this.db
      .select()
      .from(declarationVersions)
      .where(and(inArray(declarationVersions.personId, [...personIds]), eq(declarationVersions.localDate, localDate), isNull(declarationVersions.supersededAt)));
  }

  /** Every version of the given (person, day) pairs, oldest first. */
  versionsOf(keys: readonly { personId: string; localDate: string }[]): Promise<DeclarationRow[]> {
    if (!keys.length) return Promise.resolve([]);
    const pairs = sql.join(keys.map((k) => sql`(${k.personId}::uuid, ${k.localDate}::date)`), sql`, `);
    return this.db
      .select()
      .from(declarationVersions)
      .where(sql`(${declarationVersions.personId}, ${declarationVersions.localDate}) in (${pairs})`)
      .orderBy(asc(declarationVersions.version));
  }

  /**
   * Serialises the writers of one person's day until the transaction ends. Locking the current
   * version is not enough: before the day's first version there is no row to lock, and parallel
   * first declarations would all claim version 1.
   */
  async lockDay(personId: string, localDate: string, ex: Executor): Promise<void> {
    await ex.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`declaration:${personId}:${localDate}`}, 0))`);
  }

  /**
   * Supersedes the day's current version and inserts the next one, in one statement: the CTE's
   * update (which locks the row it changes; `lockDay` already serialised the day's writers) runs
   * first because the insert's version reads it, so the partial unique index on the current version
   * sees the old row superseded before the new one arrives.
   */
  /**
   * First versions of days nobody has declared yet, many in one statement (the demo seed's two
   * weeks of history); a day already declared fails on the current-version index.
   */
  async insertFirstVersions(rows: Omit<NewDeclaration, 'version'>[], ex: Executor): Promise<DeclarationRow[]> {
    if (!rows.length) return [];
    return ex.insert(declarationVersions).values(rows.map((r) => ({ ...r, version: 1 }))).returning();
  }

  async insertVersion(row: Omit<NewDeclaration, 'version'>, ex: Executor): Promise<DeclarationRow> {
    const v = declarationVersions;
    const superseded = ex.$with('superseded', { version: v.version }).as(
      sql`update ${v} set superseded_at = now()
          where ${v.personId} = ${row.personId} and ${v.localDate} = ${row.localDate}::date and ${v.supersededAt} is null
          returning ${v.version}`,
    );
    const [inserted] = await ex
      .with(superseded)
      .insert(v)
      .values({ ...row, version: sql`coalesce((select version from ${superseded}), 0) + 1` })
      .returning();
    return inserted!;
  }

}
