import { randomUUID } from 'node:crypto';
import { desc, inArray, sql } from 'drizzle-orm';
import { applyAccessEvent, viewerFromProjection, type Viewer } from '../../../common/access.js';
import type { Database, Executor } from '../../../common/db.js';
import { IDENTITY_EVENTS, type DeclarationRecorded, type PersonRegistered } from '../../../common/events/contracts.js';
import type { DomainEvent } from '../../../common/events/transport.js';
import type { Principal } from '../../../common/principal.js';
import {
  aclBindings,
  aclGuardianships,
  auditLog,
  dayFacts,
  persons,
  riskDesignations,
  type DayFactRow,
  type PersonRow,
  type RiskDesignationRow,
} from './tables.js';

export type { DayFactRow, PersonRow, RiskDesignationRow };
export type AuditEntry = typeof auditLog.$inferInsert;

const access = { bindings: aclBindings, guardianships: aclGuardianships };

/** All of health-status's SQL. */
export class HealthStatusRepository {
  constructor(readonly db: Database) {}

  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  viewer(principal: Principal): Promise<Viewer> {
    return viewerFromProjection(this.db, access, principal);
  }

  /** Identity's events: who may act for whom, and the person registry (document index, region, code id). */
  async applyIdentityEvent(tx: Executor, event: DomainEvent): Promise<void> {
    await applyAccessEvent(tx, access, event);
    if (event.type === IDENTITY_EVENTS.PersonRegistered) {
      const p = event.payload as unknown as PersonRegistered;
      await tx
        .insert(persons)
        .values({ personId: p.personId, documentType: p.documentType, documentIndex: p.documentIndex, region: p.region, birthDate: p.birthDate, codeId: randomUUID() })
        .onConflictDoNothing();
    }
  }

  /**
   * A declaration version becomes the day's facts, unless a later version of that day is already
   * applied (events of different transactions may arrive out of order).
   */
  async applyDeclaration(tx: Executor, d: DeclarationRecorded): Promise<void> {
    const values = {
      personId: d.personId,
      localDate: d.localDate,
      declared: true,
      maxTemperature: d.temperature,
      symptoms: d.symptoms.length > 0,
      exposures: d.exposures.map((e) => e.kind),
      declarationVersion: d.version,
      versionsReceived: 1,
    };
    await tx
      .insert(dayFacts)
      .values(values)
      .onConflictDoUpdate({
        target: [dayFacts.personId, dayFacts.localDate],
        set: {
          declared: sql`case when excluded.declaration_version >= ${dayFacts.declarationVersion} then true else ${dayFacts.declared} end`,
          maxTemperature: sql`case when excluded.declaration_version >= ${dayFacts.declarationVersion} then excluded.max_temperature else ${dayFacts.maxTemperature} end`,
          symptoms: sql`case when excluded.declaration_version >= ${dayFacts.declarationVersion} then excluded.symptoms else ${dayFacts.symptoms} end`,
          exposures: sql`case when excluded.declaration_version >= ${dayFacts.declarationVersion} then excluded.exposures else ${dayFacts.exposures} end`,
          declarationVersion: sql`greatest(excluded.declaration_version, ${dayFacts.declarationVersion})`,
          versionsReceived: sql`${dayFacts.versionsReceived} + 1`,
          updatedAt: sql`now()`,
        },
      });
  }

  factsOf(personIds: readonly string[]): Promise<DayFactRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return this.db.select().from(dayFacts).where(inArray(dayFacts.personId, [...personIds]));
  }

  personsByIds(personIds: readonly string[]): Promise<PersonRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return this.db.select().from(persons).where(inArray(persons.personId, [...personIds]));
  }

  designationsOf(personIds: readonly string[]): Promise<RiskDesignationRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return this.db
      .select()
      .from(riskDesignations)
      .where(inArray(riskDesignations.personId, [...personIds]))
      .orderBy(desc(riskDesignations.since));
  }

  async audit(entries: AuditEntry[], ex: Executor = this.db): Promise<void> {
    if (entries.length) await ex.insert(auditLog).values(entries);
  }
}
