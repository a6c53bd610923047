import type { SQL } from 'drizzle-orm';
import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { accessEventHandlers, viewerFromProjection } from '../../../common/access.js';
import type { AuditRecord } from '../../../common/audit.js';
import type { Database, Executor } from '../../../common/db.js';
import { writeAudit } from '../../../common/db/audit.js';
import type { Principal } from '../../../common/principal.js';
import { aclBindings, aclGuardianships, auditLog, dayCounters, declarationVersions, type DeclarationRow } from './tables.js';

export type { DeclarationRow };
export type NewDeclaration = typeof declarationVersions.$inferInsert;
export type AuditEntry = typeof auditLog.$inferInsert;

/** All of declarations' SQL. */
export class DeclarationsRepository {
  constructor(readonly db: Database) {}

  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  viewer(principal: Principal, pending?: SQL<string[]>) {
    return viewerFromProjection(this.db, { bindings: aclBindings, guardianships: aclGuardianships }, principal, pending);
  }

  /** Keeps the local copy of who may act for whom in step with identity's events. */
  /** Who may act for whom, from identity's events. */
  readonly accessEvents = accessEventHandlers({ bindings: aclBindings, guardianships: aclGuardianships });

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

  /**
   * Current declarations per local day in [from, to], and how many were not normal, from the
   * maintained counters (see `dayCounters`): days × slots rows, whatever the number of residents.
   * Days with none are absent; the dashboard service answers them as zeros.
   */
  countsPerDay(from: string, to: string): Promise<{ date: string; declared: number; abnormal: number }[]> {
    const c = dayCounters;
    return this.db
      .select({ date: c.localDate, declared: sql<number>`sum(${c.declared})::int`, abnormal: sql<number>`sum(${c.abnormal})::int` })
      .from(c)
      .where(sql`${c.localDate} between ${from}::date and ${to}::date`)
      .groupBy(c.localDate)
      .having(sql`sum(${c.declared}) <> 0`)
      .orderBy(asc(c.localDate));
  }

  /** Audit rows, with the access-log events of the rows about a person read by someone else. */
  audit(entries: AuditRecord[], ex: Executor = this.db): Promise<void> {
    return writeAudit(ex, auditLog, entries);
  }
}
