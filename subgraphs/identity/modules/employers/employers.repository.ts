import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../../../common/platform/db.js';
import { employerMemberships, employers, persons, type EmployerMembershipRow, type EmployerRow } from '../../db/tables.js';

/** Employers and the residents who consented to join them. */
export class EmployersRepository {
  constructor(private readonly db: Database) {}

  /** Registers an employer unless its code is registered already; answers whether it is new. */
  async insertEmployerIfAbsent(row: typeof employers.$inferInsert, ex: Executor): Promise<{ employer: EmployerRow; created: boolean }> {
    const [inserted] = await ex.insert(employers).values(row).onConflictDoNothing().returning();
    if (inserted) return { employer: inserted, created: true };
    return { employer: (await this.employer(row.creditCode, ex))!, created: false };
  }

  async employer(creditCode: string, ex: Executor = this.db): Promise<EmployerRow | undefined> {
    const [row] = await ex.select().from(employers).where(eq(employers.creditCode, creditCode));
    return row;
  }

  /** Joins unless joined already; answers the membership that holds afterwards. */
  async joinEmployer(row: { id: string; creditCode: string; personId: string }, ex: Executor): Promise<{ membership: EmployerMembershipRow; created: boolean }> {
    const [inserted] = await ex.insert(employerMemberships).values(row).onConflictDoNothing().returning();
    if (inserted) return { membership: inserted, created: true };
    const [existing] = await ex
      .select()
      .from(employerMemberships)
      .where(and(eq(employerMemberships.creditCode, row.creditCode), eq(employerMemberships.personId, row.personId)));
    return { membership: existing!, created: false };
  }

  /** Ends a membership; answers whether there was one. */
  async leaveEmployer(creditCode: string, personId: string, ex: Executor): Promise<boolean> {
    const gone = await ex
      .delete(employerMemberships)
      .where(and(eq(employerMemberships.creditCode, creditCode), eq(employerMemberships.personId, personId)))
      .returning({ id: employerMemberships.id });
    return gone.length > 0;
  }

  /** One page of an employer's staff in joining order, with each member's name (for masking). */
  staffPage(creditCode: string, limit: number, after?: string): Promise<{ id: string; personId: string; joinedAt: string; name: string }[]> {
    return this.db
      .select({ id: employerMemberships.id, personId: employerMemberships.personId, joinedAt: employerMemberships.joinedAt, name: persons.name })
      .from(employerMemberships)
      .innerJoin(persons, eq(persons.id, employerMemberships.personId))
      .where(and(eq(employerMemberships.creditCode, creditCode), after ? sql`${employerMemberships.id} > ${after}::uuid` : undefined))
      .orderBy(asc(employerMemberships.id))
      .limit(limit);
  }

  /** Every member's person id: what the return-to-work summary counts. */
  async staffIds(creditCode: string): Promise<string[]> {
    const rows = await this.db.select({ personId: employerMemberships.personId }).from(employerMemberships).where(eq(employerMemberships.creditCode, creditCode));
    return rows.map((r) => r.personId);
  }

  /** The employers a person has joined, by code. */
  employersOf(personIds: readonly string[]): Promise<(EmployerRow & { personId: string })[]> {
    if (!personIds.length) return Promise.resolve([]);
    return this.db
      .select({ creditCode: employers.creditCode, name: employers.name, region: employers.region, createdAt: employers.createdAt, createdBy: employers.createdBy, personId: employerMemberships.personId })
      .from(employerMemberships)
      .innerJoin(employers, eq(employers.creditCode, employerMemberships.creditCode))
      .where(inArray(employerMemberships.personId, [...personIds]))
      .orderBy(asc(employerMemberships.joinedAt));
  }

}
