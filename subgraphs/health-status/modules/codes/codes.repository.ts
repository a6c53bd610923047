import { and, asc, eq, gt, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { WithSubquery } from 'drizzle-orm/subquery';
import type { Database, Executor } from '../../../../common/platform/db.js';
import { causeOverrides, healthCodes, persons, TIME_BOUND, type HealthCodeRow, type PersonRow } from '../../db/tables.js';

export type OverrideRow = typeof causeOverrides.$inferSelect;
export type NewHealthCode = typeof healthCodes.$inferInsert;
/** A stored code with the person's code id, as a token needs it. */
export interface StoredCode {
  person: PersonRow;
  code: HealthCodeRow | null;
}

/** Stored health codes (the colour kept by writes) and the cause overrides evaluation honours. */
export class CodesRepository {
  constructor(private readonly db: Database) {}

  codesOf(personIds: readonly string[], ex: Executor = this.db): Promise<HealthCodeRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return ex.select().from(healthCodes).where(inArray(healthCodes.personId, [...personIds]));
  }

  /**
   * Stored codes with their persons: one statement, for a page of people or a household, which also
   * writes the read's audit rows when given them (`HealthStatusRepository.auditWith`).
   */
  async storedCodes(personIds: readonly string[], audit: WithSubquery[] = []): Promise<StoredCode[]> {
    if (!personIds.length) return [];
    const rows = await (audit.length ? this.db.with(...audit) : this.db)
      .select({ person: persons, code: healthCodes })
      .from(persons)
      .leftJoin(healthCodes, eq(healthCodes.personId, persons.personId))
      .where(inArray(persons.personId, [...personIds]));
    return rows;
  }

  /**
   * A checkpoint's look-up: the stored code behind a token's code id, with the person, in one keyed
   * read that also carries the consumer's pending check when given.
   */
  async storedCodeByCodeId(codeId: string, pending?: SQL<string[]>): Promise<{ value: StoredCode | undefined; pending: readonly string[] | null }> {
    const [row] = await this.db
      .select({ person: persons, code: healthCodes, pending: pending ?? sql<string[]>`'{}'::text[]` })
      .from(persons)
      .leftJoin(healthCodes, eq(healthCodes.personId, persons.personId))
      .where(eq(persons.codeId, codeId));
    return row ? { value: { person: row.person, code: row.code }, pending: row.pending } : { value: undefined, pending: null };
  }

  async upsertCodes(rows: NewHealthCode[], ex: Executor): Promise<void> {
    for (let i = 0; i < rows.length; i += 1000) {
      await ex
        .insert(healthCodes)
        .values(rows.slice(i, i + 1000))
        .onConflictDoUpdate({
          target: healthCodes.personId,
          set: {
            color: sql`excluded.color`,
            ruleVersion: sql`excluded.rule_version`,
            reasons: sql`excluded.reasons`,
            greenOn: sql`excluded.green_on`,
            normalDays: sql`excluded.normal_days`,
            localDate: sql`excluded.local_date`,
            evaluatedAt: sql`excluded.evaluated_at`,
            changedAt: sql`case when ${healthCodes.color} = excluded.color then ${healthCodes.changedAt} else now() end`,
          },
        });
    }
  }

  /**
   * Codes the date alone can change, not yet brought to `today`: not green (a clearance runs or a lift
   * is awaited) or with a run of normal days under way (it breaks on a day with no declaration).
   * Keyset-paginated by person id over a partial index that holds only such codes, so a day with 5%
   * of residents non-green reads 5% of the codes. A batch re-evaluated moves its `local_date` to
   * today, so a rollover cut short resumes where it stopped.
   */
  timeBoundCodes(today: string, after: string | null, limit: number): Promise<{ personId: string }[]> {
    return this.db
      .select({ personId: healthCodes.personId })
      .from(healthCodes)
      .where(and(TIME_BOUND, lt(healthCodes.localDate, today), after ? gt(healthCodes.personId, after) : undefined))
      .orderBy(asc(healthCodes.personId))
      .limit(limit);
  }

  /** Codes evaluated under another rule set than `ruleVersion` (a new rule set came into force), not yet brought to `today`. */
  codesUnderOtherRuleSets(today: string, ruleVersion: string, after: string | null, limit: number): Promise<{ personId: string }[]> {
    return this.db
      .select({ personId: healthCodes.personId })
      .from(healthCodes)
      .where(and(ne(healthCodes.ruleVersion, ruleVersion), lt(healthCodes.localDate, today), after ? gt(healthCodes.personId, after) : undefined))
      .orderBy(asc(healthCodes.personId))
      .limit(limit);
  }

  overridesOf(personIds: readonly string[], ex: Executor = this.db): Promise<OverrideRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return ex.select().from(causeOverrides).where(inArray(causeOverrides.personId, [...personIds]));
  }

  async insertOverride(row: typeof causeOverrides.$inferInsert, ex: Executor): Promise<void> {
    await ex.insert(causeOverrides).values(row).onConflictDoNothing();
  }
}
