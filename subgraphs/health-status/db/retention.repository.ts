import { and, eq, inArray, isNotNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../../common/platform/db.js';
import { accessEventsRetention, auditLogRetention, deleteBatch, retentionStep } from '../../../common/platform/db/retention.js';
import type { RetentionStep } from '../../../common/domain/retention.js';
import {
  accessEvents,
  aclBindings,
  aclGuardianships,
  appealNotes,
  appeals,
  auditLog,
  causeOverrides,
  dayFacts,
  events,
  healthCodes,
  paperCodes,
  pendingTravellers,
  persons,
  riskDesignations,
  scans,
} from './tables.js';

/**
 * What health-status deletes when personal data reaches its end date (common/domain/retention.ts), and
 * when a resident deletes their account. Colour counts and scan counts live on in their counters:
 * colour counters count residents as they are now, scan counters are only ever added to.
 */
export class RetentionRepository {
  constructor(private readonly db: Database) {}

  steps(): RetentionStep[] {
    // A day fact the colour rules may still read stays: one on or after the start of a designation
    // of the person that is neither lifted nor voided (its 14-day clearance counts those days).
    const standing = sql`exists (select 1 from ${riskDesignations} d where d.person_id = ${dayFacts.personId}
      and d.lifted_at is null and d.voided_at is null and ((d.since at time zone 'UTC') + interval '8 hours')::date <= ${dayFacts.localDate})`;
    const decidedBefore = (instant: string) => and(ne(appeals.status, 'OPEN'), isNotNull(appeals.decidedAt), lt(appeals.decidedAt, instant))!;
    return [
      retentionStep('SCANS', scans, (cut) => lt(scans.at, cut.instant)),
      retentionStep('DAY_FACTS', dayFacts, (cut) => and(lt(dayFacts.localDate, cut.date), sql`not ${standing}`)!),
      retentionStep('DESIGNATIONS', riskDesignations, (cut) => lt(sql`coalesce(${riskDesignations.liftedAt}, ${riskDesignations.voidedAt})`, cut.instant)),
      // Notes first: they reference their appeal.
      retentionStep('APPEALS', appealNotes, (cut) => inArray(appealNotes.appealId, this.db.select({ id: appeals.id }).from(appeals).where(decidedBefore(cut.instant)))),
      retentionStep('APPEALS', appeals, (cut) => decidedBefore(cut.instant)),
      retentionStep('APPEALS', causeOverrides, (cut) => lt(causeOverrides.through, cut.date)),
      retentionStep('PAPER_CODES', paperCodes, (cut) => lt(paperCodes.expiresAt, cut.instant)),
      retentionStep('PARTNER_REQUESTS', pendingTravellers, (cut) => lt(pendingTravellers.receivedAt, cut.instant)),
      accessEventsRetention(accessEvents),
      auditLogRetention(auditLog),
    ];
  }

  /**
   * A deleted account: what identifies the person here (the document's blind index, the code id), the
   * stored code, the day facts, printed codes and the access projection. Kept until their own end
   * date, as the law requires (docs/retention.md): designations, appeals and scans, under the
   * person's random id, which nothing links to anyone any more. Rows deleted per table.
   */
  async deletePerson(personId: string, tx: Executor = this.db): Promise<Record<string, number>> {
    const all = 1_000_000;
    return {
      health_codes: await deleteBatch(tx, healthCodes, eq(healthCodes.personId, personId), all),
      persons: await deleteBatch(tx, persons, eq(persons.personId, personId), all),
      day_facts: await deleteBatch(tx, dayFacts, eq(dayFacts.personId, personId), all),
      paper_codes: await deleteBatch(tx, paperCodes, eq(paperCodes.personId, personId), all),
      // Their colour changes and the reads of their data still in the outboxes.
      events: await deleteBatch(tx, events, eq(events.personId, personId), all),
      access_events: await deleteBatch(tx, accessEvents, eq(accessEvents.personId, personId), all),
      acl_bindings: await deleteBatch(tx, aclBindings, eq(aclBindings.personId, personId), all),
      acl_guardianships: await deleteBatch(tx, aclGuardianships, or(eq(aclGuardianships.guardianId, personId), eq(aclGuardianships.dependentId, personId))!, all),
    };
  }
}
