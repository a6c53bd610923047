import { and, asc, count, desc, eq, inArray, isNull, lt, notInArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AuditRecord } from '../../../common/audit.js';
import type { Database, Executor } from '../../../common/db.js';
import { writeAudit } from '../../../common/db/audit.js';
import type { EventHandlers } from '../../../common/events/typed.js';
import { CONFIRMED_BASES, type GuardianshipBasis } from '../domain/consent.js';
import type { VerificationMethod } from '../../../common/verification.js';
import { ChannelsRepository } from '../modules/channels/channels.repository.js';
import { LegacyRepository } from '../modules/legacy/legacy.repository.js';
import {
  accessLog,
  auditLog,
  channelBindings,
  channels,
  documentLookups,
  employerMemberships,
  employers,
  guardianshipRequests,
  guardianships,
  persons,
  type AccessLogRow,
  type ChannelRow,
  type EmployerMembershipRow,
  type EmployerRow,
  type GuardianshipRequestRow,
  type DocumentType,
  type GuardianshipRow,
  type HouseholdRelation,
  type PersonRow,
} from './tables.js';

/** A channel user's person and the members they guard. */
export interface Household {
  self: PersonRow;
  dependents: PersonRow[];
}

export type { AccessLogRow, ChannelRow, EmployerMembershipRow, EmployerRow, GuardianshipRequestRow, GuardianshipRow, HouseholdRelation, PersonRow };
export type NewPerson = typeof persons.$inferInsert;
export type AuditEntry = typeof auditLog.$inferInsert;
export interface BindingRow {
  personId: string;
  channel: string;
  channelUser: string;
  boundAt: string;
  verification: VerificationMethod;
}

/** All of identity's SQL. Methods take an optional executor so a service can run them in one transaction. */
export class IdentityRepository {
  /** The legacy import's bulk reads and writes (modules/legacy). */
  readonly legacy: LegacyRepository;
  /** Channel onboarding: applications, keys, suspension, usage (modules/channels). */
  readonly channels: ChannelsRepository;

  constructor(readonly db: Database) {
    this.legacy = new LegacyRepository(db);
    this.channels = new ChannelsRepository(db);
  }

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
  async bind(channel: string, channelUser: string, personId: string, verification: VerificationMethod, ex: Executor): Promise<BindingRow> {
    const [inserted] = await ex.insert(channelBindings).values({ channel, channelUser, personId, verification }).onConflictDoNothing().returning();
    if (inserted) return inserted;
    const existing = await this.bindingOf(channel, channelUser, ex);
    if (!existing) throw new Error('binding vanished during registration');
    return existing;
  }

  /** Whether the person is bound to any channel user: they answer for themself. */
  async hasBinding(personId: string, ex: Executor = this.db): Promise<boolean> {
    const [row] = await ex.select({ personId: channelBindings.personId }).from(channelBindings).where(eq(channelBindings.personId, personId)).limit(1);
    return !!row;
  }

  /** The document holder's own registration replaces what someone else typed into their record. */
  async replacePersonFields(id: string, fields: Pick<NewPerson, 'name' | 'sex' | 'birthDate' | 'region' | 'address' | 'phoneCipher' | 'phoneMasked'>, ex: Executor): Promise<PersonRow> {
    const [row] = await ex.update(persons).set({ ...fields, updatedAt: sql`now()` }).where(eq(persons.id, id)).returning();
    return row!;
  }

  /**
   * Counts one document look-up for the person today; answers false, counting nothing, once
   * `limit` were made. One statement, committed on its own so a refused call still counts.
   */
  async takeDocumentLookup(personId: string, day: string, limit: number): Promise<boolean> {
    const taken = await this.db
      .insert(documentLookups)
      .values({ personId, day, count: 1 })
      .onConflictDoUpdate({ target: [documentLookups.personId, documentLookups.day], set: { count: sql`${documentLookups.count} + 1` }, setWhere: sql`${documentLookups.count} < ${limit}` })
      .returning({ count: documentLookups.count });
    return taken.length > 0;
  }

  /**
   * Deletes at most `limit` look-up counts of days before `day`; answers how many. A bounded
   * statement, so the daily rollover never holds a long lock on the table residents count in.
   */
  async deleteDocumentLookupsBefore(day: string, limit: number): Promise<number> {
    const old = this.db.select({ personId: documentLookups.personId, day: documentLookups.day }).from(documentLookups).where(lt(documentLookups.day, day)).limit(limit);
    const deleted = await this.db
      .delete(documentLookups)
      .where(sql`(${documentLookups.personId}, ${documentLookups.day}) in (${old})`)
      .returning({ personId: documentLookups.personId });
    return deleted.length;
  }

  bindingsOfPersons(personIds: readonly string[]): Promise<BindingRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return this.db.select().from(channelBindings).where(inArray(channelBindings.personId, [...personIds])).orderBy(channelBindings.boundAt);
  }

  /**
   * The channel user's person and household as person rows (dependents oldest guardianship first), in
   * one statement: the caller's viewer, and what `me` shows. Null when the user is not bound.
   */
  async household(channel: string, channelUser: string): Promise<Household | null> {
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

  /** Locks persons in id order (so two households never deadlock) before their counts are checked. */
  async lockPersons(ids: string[], ex: Executor): Promise<void> {
    await ex.select({ id: persons.id }).from(persons).where(inArray(persons.id, ids)).orderBy(asc(persons.id)).for('update');
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
      .where(and(inArray(guardianships.dependentId, [...dependentIds]), isNull(guardianships.removedAt), notInArray(guardianships.basis, [...CONFIRMED_BASES])))
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

  /** A pending request for the pair, made now unless one is already waiting (then that one). */
  async requestGuardianship(row: { id: string; guardianId: string; dependentId: string; relation: HouseholdRelation }, ex: Executor): Promise<{ request: GuardianshipRequestRow; created: boolean }> {
    const [inserted] = await ex.insert(guardianshipRequests).values(row).onConflictDoNothing().returning();
    if (inserted) return { request: inserted, created: true };
    const [pending] = await ex
      .select()
      .from(guardianshipRequests)
      .where(and(eq(guardianshipRequests.guardianId, row.guardianId), eq(guardianshipRequests.dependentId, row.dependentId), eq(guardianshipRequests.status, 'PENDING')));
    if (!pending) throw new Error('pending guardianship request vanished');
    return { request: pending, created: false };
  }

  /** The request, locked until the transaction ends so two decisions cannot both apply. */
  async lockGuardianshipRequest(id: string, ex: Executor): Promise<GuardianshipRequestRow | undefined> {
    const [row] = await ex.select().from(guardianshipRequests).where(eq(guardianshipRequests.id, id)).for('update');
    return row;
  }

  async decideGuardianshipRequest(id: string, status: 'ACCEPTED' | 'DECLINED', decidedBy: string, ex: Executor): Promise<GuardianshipRequestRow> {
    const [row] = await ex.update(guardianshipRequests).set({ status, decidedAt: sql`now()`, decidedBy }).where(eq(guardianshipRequests.id, id)).returning();
    return row!;
  }

  /** Requests still waiting for any of these persons' decision, oldest first. */
  pendingGuardianshipRequestsFor(dependentIds: readonly string[]): Promise<GuardianshipRequestRow[]> {
    if (!dependentIds.length) return Promise.resolve([]);
    return this.db
      .select()
      .from(guardianshipRequests)
      .where(and(inArray(guardianshipRequests.dependentId, [...dependentIds]), eq(guardianshipRequests.status, 'PENDING')))
      .orderBy(asc(guardianshipRequests.requestedAt));
  }

  listChannels(): Promise<ChannelRow[]> {
    return this.db.select().from(channels).orderBy(channels.code);
  }

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

  /** Audit rows, with the access-log events of the rows about a person read by someone else. */
  audit(entries: AuditRecord[], ex: Executor = this.db): Promise<void> {
    return writeAudit(ex, auditLog, entries);
  }

  /** A person's access log, newest first, after a (at, stream, event id) cursor; one keyed range read. */
  accessLogOf(personId: string, limit: number, after?: readonly [string, string, string]): Promise<AccessLogRow[]> {
    const before = after ? sql`(${accessLog.at}, ${accessLog.stream}, ${accessLog.eventId}) < (${after[0]}::timestamptz, ${after[1]}, ${after[2]}::bigint)` : undefined;
    return this.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.personId, personId), before))
      .orderBy(desc(accessLog.at), desc(accessLog.stream), desc(accessLog.eventId))
      .limit(limit);
  }

  /** Every subgraph's access events into the access log, once each whatever the deliveries. */
  readonly accessLogEvents: Required<Pick<EventHandlers, 'PersonDataAccessed'>> = {
    PersonDataAccessed: async (tx, p, event) => {
      await tx
        .insert(accessLog)
        .values({
          stream: event.stream,
          eventId: event.id,
          personId: p.personId,
          at: event.occurredAt,
          principalKind: p.principalKind,
          principalSubject: p.principalSubject,
          action: p.action,
          operation: p.operation,
          ticket: p.ticket,
          organisation: p.organisation,
          what: p.what,
        })
        .onConflictDoNothing();
    },
  };

  auditOf(personId: string): Promise<(typeof auditLog.$inferSelect)[]> {
    return this.db.select().from(auditLog).where(eq(auditLog.personId, personId)).orderBy(auditLog.id);
  }
}
