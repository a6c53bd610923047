import { and, asc, count, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database, Executor } from '../../../../common/platform/db.js';
import { CONFIRMED_BASES, type GuardianshipBasis } from '../../domain/consent.js';
import { channelBindings, guardianships, persons, type GuardianshipRow, type HouseholdRelation, type PersonRow } from '../../db/tables.js';

/** A channel user's person and the members they guard. */
export interface Household {
  self: PersonRow;
  dependents: PersonRow[];
}

/** Guardianships: who answers for whom, active until removed; provisional ones end when the member speaks for themself. */
export class HouseholdRepository {
  constructor(private readonly db: Database) {}

  /**
   * The channel user's person and household as person rows (dependents oldest guardianship first), in
   * one statement: the caller's viewer, and what `me` shows. Null when the user is not bound.
   */
  async ofChannelUser(channel: string, channelUser: string): Promise<Household | null> {
    const dependent = alias(persons, 'dependent');
    const found = await this.db
      .select({ self: persons, dependent })
      .from(channelBindings)
      .innerJoin(persons, eq(persons.id, channelBindings.personId))
      .leftJoin(guardianships, and(eq(guardianships.guardianId, channelBindings.personId), isNull(guardianships.removedAt)))
      .leftJoin(dependent, eq(dependent.id, guardianships.dependentId))
      .where(and(eq(channelBindings.channel, channel), eq(channelBindings.channelUser, channelUser)))
      .orderBy(asc(guardianships.createdAt));
    if (!found.length) return null;
    return { self: found[0]!.self, dependents: found.flatMap((r) => (r.dependent ? [r.dependent] : [])) };
  }

  /** Active guardianships where any of `ids` is the guardian or the dependent. */
  activeGuardianshipsOf(ids: readonly string[], side: 'guardian' | 'dependent'): Promise<GuardianshipRow[]> {
    if (!ids.length) return Promise.resolve([]);
    const column = side === 'guardian' ? guardianships.guardianId : guardianships.dependentId;
    return this.db
      .select()
      .from(guardianships)
      .where(and(inArray(column, [...ids]), isNull(guardianships.removedAt)))
      .orderBy(asc(guardianships.createdAt));
  }


  async countActive(id: string, side: 'guardian' | 'dependent', ex: Executor): Promise<number> {
    const column = side === 'guardian' ? guardianships.guardianId : guardianships.dependentId;
    const [row] = await ex.select({ n: count() }).from(guardianships).where(and(eq(column, id), isNull(guardianships.removedAt)));
    return row?.n ?? 0;
  }

  async guardianship(guardianId: string, dependentId: string, ex: Executor): Promise<GuardianshipRow | undefined> {
    const [row] = await ex
      .select()
      .from(guardianships)
      .where(and(eq(guardianships.guardianId, guardianId), eq(guardianships.dependentId, dependentId)));
    return row;
  }

  /** Makes the pair active (a removed one comes back with the new relation and basis). */
  async linkGuardian(guardianId: string, dependentId: string, relation: HouseholdRelation, basis: GuardianshipBasis, ex: Executor): Promise<void> {
    await ex
      .insert(guardianships)
      .values({ guardianId, dependentId, relation, basis })
      .onConflictDoUpdate({
        target: [guardianships.guardianId, guardianships.dependentId],
        set: { relation, basis, createdAt: sql`now()`, removedAt: null, removedBy: null },
      });
  }

  /** Ends every active provisional guardianship of these members; answers the ended rows. */
  endProvisionalGuardianships(dependentIds: readonly string[], removedBy: string, ex: Executor): Promise<GuardianshipRow[]> {
    if (!dependentIds.length) return Promise.resolve([]);
    return ex
      .update(guardianships)
      .set({ removedAt: sql`now()`, removedBy })
      // One array parameter: a legacy batch's 2,000 holders make no statement of their own.
      .where(and(sql`${guardianships.dependentId} = any(${sql.param([...dependentIds])}::uuid[])`, isNull(guardianships.removedAt), notInArray(guardianships.basis, [...CONFIRMED_BASES])))
      .returning();
  }

  /** Ends the pair's guardianship if it is active and provisional; answers the ended row. */
  async endProvisionalGuardianship(guardianId: string, dependentId: string, removedBy: string, ex: Executor): Promise<GuardianshipRow | undefined> {
    const [row] = await ex
      .update(guardianships)
      .set({ removedAt: sql`now()`, removedBy })
      .where(
        and(
          eq(guardianships.guardianId, guardianId),
          eq(guardianships.dependentId, dependentId),
          isNull(guardianships.removedAt),
          notInArray(guardianships.basis, [...CONFIRMED_BASES]),
        ),
      )
      .returning();
    return row;
  }

  /** Ends an active guardianship; answers whether there was one. */
  async unlinkGuardian(guardianId: string, dependentId: string, removedBy: string, ex: Executor): Promise<boolean> {
    const ended = await ex
      .update(guardianships)
      .set({ removedAt: sql`now()`, removedBy })
      .where(and(eq(guardianships.guardianId, guardianId), eq(guardianships.dependentId, dependentId), isNull(guardianships.removedAt)))
      .returning({ guardianId: guardianships.guardianId });
    return ended.length > 0;
  }

}
