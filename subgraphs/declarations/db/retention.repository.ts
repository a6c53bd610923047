import { and, eq, lt, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../../common/platform/db.js';
import { accessEventsRetention, auditLogRetention, deleteBatch, retentionStep } from '../../../common/platform/db/retention.js';
import { DECLARATION_EVENTS } from '../../../common/platform/events/contracts.js';
import type { RetentionStep } from '../../../common/domain/retention.js';
import { accessEvents, aclBindings, aclGuardianships, auditLog, declarationVersions, events } from './tables.js';

/**
 * What declarations deletes when personal data reaches its end date (common/domain/retention.ts), and when
 * a resident deletes their account. Declarations per day live on in `day_counters`: deleting a
 * version no longer moves them (migration 0007).
 */
export class RetentionRepository {
  constructor(private readonly db: Database) {}

  steps(): RetentionStep[] {
    return [
      retentionStep('DECLARATIONS', declarationVersions, (cut) => lt(declarationVersions.localDate, cut.date)),
      // The events that carried them to health-status: their payload is the declaration itself.
      retentionStep('DECLARATIONS', events, (cut) => and(eq(events.type, DECLARATION_EVENTS.DeclarationRecorded), sql`${events.payload}->>'localDate' < ${cut.date}`)!),
      accessEventsRetention(accessEvents),
      auditLogRetention(auditLog),
    ];
  }

  /** A deleted account's declarations, their events and its place in the access projection: rows deleted per table. */
  async deletePerson(personId: string, tx: Executor = this.db): Promise<Record<string, number>> {
    const all = 1_000_000;
    return {
      declaration_versions: await deleteBatch(tx, declarationVersions, eq(declarationVersions.personId, personId), all),
      events: await deleteBatch(tx, events, and(eq(events.type, DECLARATION_EVENTS.DeclarationRecorded), eq(events.personId, personId))!, all),
      access_events: await deleteBatch(tx, accessEvents, eq(accessEvents.personId, personId), all),
      acl_bindings: await deleteBatch(tx, aclBindings, eq(aclBindings.personId, personId), all),
      acl_guardianships: await deleteBatch(tx, aclGuardianships, sql`${aclGuardianships.guardianId} = ${personId} or ${aclGuardianships.dependentId} = ${personId}`, all),
    };
  }
}
