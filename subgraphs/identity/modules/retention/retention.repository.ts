import { eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../../../common/platform/db.js';
import { accessEventsRetention, auditLogRetention, deleteBatch, retentionStep } from '../../../../common/platform/db/retention.js';
import type { RetentionStep } from '../../../../common/domain/retention.js';
import {
  accessEvents,
  accessLog,
  auditLog,
  channelBindings,
  documentLookups,
  events,
  employerMemberships,
  guardianshipRequests,
  guardianships,
  legacyConflicts,
  persons,
} from '../../db/tables.js';

/** What the account deletion ends, for the events it publishes. */
export interface ErasedAccount {
  bindings: { channel: string; channelUser: string }[];
  /** Guardianships that were active, either way round. */
  guardianships: { guardianId: string; dependentId: string }[];
  /** Rows deleted per table: counts for the audit log, never contents. */
  deleted: Record<string, number>;
}

/** What identity deletes when personal data reaches its end date (common/domain/retention.ts), and with a resident's account. */
export class RetentionRepository {
  constructor(private readonly db: Database) {}

  steps(): RetentionStep[] {
    return [retentionStep('ACCESS_LOG', accessLog, (cut) => lt(accessLog.at, cut.instant)), accessEventsRetention(accessEvents), auditLogRetention(auditLog)];
  }

  /**
   * Erases a person: their bindings, household links and requests, employer memberships, look-up
   * counts, their access log and the person record itself (name, document cipher and index, phone,
   * address), and the events about them still in identity's outboxes. A legacy conflict that named them keeps its masked document, without the link.
   */
  async erasePerson(personId: string, tx: Executor = this.db): Promise<ErasedAccount> {
    const all = 1_000_000;
    const bindings = await tx
      .delete(channelBindings)
      .where(eq(channelBindings.personId, personId))
      .returning({ channel: channelBindings.channel, channelUser: channelBindings.channelUser });
    const mine = or(eq(guardianships.guardianId, personId), eq(guardianships.dependentId, personId))!;
    const active = await tx
      .select({ guardianId: guardianships.guardianId, dependentId: guardianships.dependentId })
      .from(guardianships)
      .where(sql`(${mine}) and ${isNull(guardianships.removedAt)}`);
    const deleted: Record<string, number> = {
      channel_bindings: bindings.length,
      guardianships: await deleteBatch(tx, guardianships, mine, all),
      guardianship_requests: await deleteBatch(tx, guardianshipRequests, or(eq(guardianshipRequests.guardianId, personId), eq(guardianshipRequests.dependentId, personId))!, all),
      employer_memberships: await deleteBatch(tx, employerMemberships, eq(employerMemberships.personId, personId), all),
      document_lookups: await deleteBatch(tx, documentLookups, eq(documentLookups.personId, personId), all),
      access_log: await deleteBatch(tx, accessLog, eq(accessLog.personId, personId), all),
      // The outboxes' earlier events about them (a registration's document index, a channel's user id):
      // called before the deletion's own events are written, which stay.
      events: await deleteBatch(tx, events, eq(events.personId, personId), all),
      access_events: await deleteBatch(tx, accessEvents, eq(accessEvents.personId, personId), all),
    };
    await tx.update(legacyConflicts).set({ personId: null }).where(eq(legacyConflicts.personId, personId));
    deleted.persons = await deleteBatch(tx, persons, eq(persons.id, personId), all);
    return { bindings, guardianships: active, deleted };
  }
}
