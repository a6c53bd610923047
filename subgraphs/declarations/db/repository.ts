import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { accessEventHandlers, viewerFromProjection, type Viewer } from '../../../common/access.js';
import type { AuditRecord } from '../../../common/audit.js';
import type { Database, Executor } from '../../../common/db.js';
import { writeAudit } from '../../../common/db/audit.js';
import type { Principal } from '../../../common/principal.js';
import { aclBindings, aclGuardianships, auditLog, declarationVersions, type DeclarationRow } from './tables.js';

export type { DeclarationRow };
export type NewDeclaration = typeof declarationVersions.$inferInsert;
export type AuditEntry = typeof auditLog.$inferInsert;

/** All of declarations' SQL. */
export class DeclarationsRepository {
  constructor(readonly db: Database) {}

  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  viewer(principal: Principal): Promise<Viewer> {
    return viewerFromProjection(this.db, { bindings: aclBindings, guardianships: aclGuardianships }, principal);
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

  /** Locks and supersedes the day's current version, answering the next version number. */
  async supersedeCurrent(personId: string, localDate: string, ex: Executor): Promise<number> {
    const [current] = await ex
      .select({ id: declarationVersions.id, version: declarationVersions.version })
      .from(declarationVersions)
      .where(and(eq(declarationVersions.personId, personId), eq(declarationVersions.localDate, localDate), isNull(declarationVersions.supersededAt)))
      .for('update');
    if (!current) return 1;
    await ex.update(declarationVersions).set({ supersededAt: sql`now()` }).where(eq(declarationVersions.id, current.id));
    return current.version + 1;
  }

  async insert(row: NewDeclaration, ex: Executor): Promise<DeclarationRow> {
    const [inserted] = await ex.insert(declarationVersions).values(row).returning();
    return inserted!;
  }

  /** Current declarations per local day in [from, to], and how many were not normal. */
  countsPerDay(from: string, to: string): Promise<{ date: string; declared: number; abnormal: number }[]> {
    const v = declarationVersions;
    return this.db
      .select({ date: v.localDate, declared: sql<number>`count(*)::int`, abnormal: sql<number>`(count(*) filter (where not ${v.normal}))::int` })
      .from(v)
      .where(and(isNull(v.supersededAt), sql`${v.localDate} between ${from}::date and ${to}::date`))
      .groupBy(v.localDate)
      .orderBy(asc(v.localDate));
  }

  /** Audit rows, with the access-log events of the rows about a person read by someone else. */
  audit(entries: AuditRecord[], ex: Executor = this.db): Promise<void> {
    return writeAudit(ex, auditLog, entries);
  }
}
