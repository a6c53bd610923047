import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import { accessEventHandlers, viewerFromProjection, type Viewer } from '../../../common/access.js';
import type { Database, Executor } from '../../../common/db.js';
import type { DeclarationRecorded, PersonRegistered, TravellerStatusReceived } from '../../../common/events/contracts.js';
import type { Principal } from '../../../common/principal.js';
import {
  aclBindings,
  aclGuardianships,
  appeals,
  auditLog,
  causeOverrides,
  checkpoints,
  dayFacts,
  paperCodes,
  pendingTravellers,
  scans,
  healthCodes,
  persons,
  riskDesignations,
  type AppealRow,
  type AppealStatus,
  type Color,
  type CheckpointRow,
  type DayFactRow,
  type PaperCodeRow,
  type ScanRow,
  type HealthCodeRow,
  type PersonRow,
  type RiskDesignationRow,
  TIME_BOUND,
} from './tables.js';

export type { AppealRow, AppealStatus, CheckpointRow, DayFactRow, HealthCodeRow, PaperCodeRow, PersonRow, RiskDesignationRow, ScanRow };
export type NewCheckpoint = typeof checkpoints.$inferInsert;
export type NewScan = typeof scans.$inferInsert;
export type NewAppeal = typeof appeals.$inferInsert;
export type NewPaperCode = typeof paperCodes.$inferInsert;
export type OverrideRow = typeof causeOverrides.$inferSelect;
export type NewDesignation = typeof riskDesignations.$inferInsert;
export type NewHealthCode = typeof healthCodes.$inferInsert;
/** A stored code with the person's code id, as a token needs it. */
export interface StoredCode {
  person: PersonRow;
  code: HealthCodeRow | null;
}
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

  /** Who may act for whom, from identity's events. */
  readonly accessEvents = accessEventHandlers(access);

  /** The person registry from identity's PersonRegistered: document index, region, and a fresh code id. */
  async registerPerson(tx: Executor, p: PersonRegistered): Promise<void> {
    await tx
      .insert(persons)
      .values({ personId: p.personId, documentType: p.documentType, documentIndex: p.documentIndex, region: p.region, birthDate: p.birthDate, codeId: randomUUID() })
      .onConflictDoNothing();
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
      arrivedFrom: d.exposures.flatMap((e) => (e.kind === 'ARRIVED_FROM_OTHER_PROVINCE' && e.provinceCode ? [e.provinceCode] : [])),
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
          arrivedFrom: sql`case when excluded.declaration_version >= ${dayFacts.declarationVersion} then excluded.arrived_from else ${dayFacts.arrivedFrom} end`,
          declarationVersion: sql`greatest(excluded.declaration_version, ${dayFacts.declarationVersion})`,
          versionsReceived: sql`${dayFacts.versionsReceived} + 1`,
          updatedAt: sql`now()`,
        },
      });
  }

  factsOf(personIds: readonly string[], from: string, ex: Executor = this.db): Promise<DayFactRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return ex
      .select()
      .from(dayFacts)
      .where(and(inArray(dayFacts.personId, [...personIds]), gte(dayFacts.localDate, from)));
  }

  personsByIds(personIds: readonly string[], ex: Executor = this.db): Promise<PersonRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return ex.select().from(persons).where(inArray(persons.personId, [...personIds]));
  }

  /** Persons by document blind index, in chunks the planner handles well. */
  async personsByDocuments(docs: readonly { documentType: string; documentIndex: string }[]): Promise<PersonRow[]> {
    const found: PersonRow[] = [];
    for (let i = 0; i < docs.length; i += 1000) {
      const chunk = docs.slice(i, i + 1000);
      const pairs = sql.join(chunk.map((d) => sql`(${d.documentType}, ${d.documentIndex})`), sql`, `);
      found.push(...(await this.db.select().from(persons).where(sql`(${persons.documentType}, ${persons.documentIndex}) in (${pairs})`)));
    }
    return found;
  }

  designationsOf(personIds: readonly string[], ex: Executor = this.db): Promise<RiskDesignationRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return ex
      .select()
      .from(riskDesignations)
      .where(inArray(riskDesignations.personId, [...personIds]))
      .orderBy(desc(riskDesignations.since));
  }

  async designation(id: string, ex: Executor = this.db): Promise<RiskDesignationRow | undefined> {
    const [row] = await ex.select().from(riskDesignations).where(eq(riskDesignations.id, id)).for('update');
    return row;
  }

  async insertDesignations(rows: NewDesignation[], ex: Executor): Promise<RiskDesignationRow[]> {
    const out: RiskDesignationRow[] = [];
    for (let i = 0; i < rows.length; i += 1000) out.push(...(await ex.insert(riskDesignations).values(rows.slice(i, i + 1000)).returning()));
    return out;
  }

  /** `at` comes from the service clock: the rules compare it with the time they evaluate at. */
  async liftDesignation(id: string, at: Date, by: string, note: string | null, ex: Executor): Promise<RiskDesignationRow> {
    const [row] = await ex
      .update(riskDesignations)
      .set({ liftedAt: at.toISOString(), liftedBy: by, liftNote: note })
      .where(eq(riskDesignations.id, id))
      .returning();
    return row!;
  }

  codesOf(personIds: readonly string[], ex: Executor = this.db): Promise<HealthCodeRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return ex.select().from(healthCodes).where(inArray(healthCodes.personId, [...personIds]));
  }

  /** Stored codes with their persons: one statement, for a page of people or a household. */
  async storedCodes(personIds: readonly string[]): Promise<StoredCode[]> {
    if (!personIds.length) return [];
    const rows = await this.db
      .select({ person: persons, code: healthCodes })
      .from(persons)
      .leftJoin(healthCodes, eq(healthCodes.personId, persons.personId))
      .where(inArray(persons.personId, [...personIds]));
    return rows;
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

  async personByCodeId(codeId: string): Promise<PersonRow | undefined> {
    const [row] = await this.db.select().from(persons).where(eq(persons.codeId, codeId));
    return row;
  }

  /** A fever measured at a checkpoint makes the day abnormal, like a declared one. */
  async recordCheckpointFever(personId: string, localDate: string, temperature: number, ex: Executor): Promise<void> {
    await ex
      .insert(dayFacts)
      .values({ personId, localDate, checkpointFever: true, maxTemperature: temperature })
      .onConflictDoUpdate({
        target: [dayFacts.personId, dayFacts.localDate],
        set: { checkpointFever: true, maxTemperature: sql`greatest(${dayFacts.maxTemperature}, excluded.max_temperature)`, updatedAt: sql`now()` },
      });
  }

  overridesOf(personIds: readonly string[], ex: Executor = this.db): Promise<OverrideRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return ex.select().from(causeOverrides).where(inArray(causeOverrides.personId, [...personIds]));
  }

  async insertOverride(row: typeof causeOverrides.$inferInsert, ex: Executor): Promise<void> {
    await ex.insert(causeOverrides).values(row).onConflictDoNothing();
  }

  async voidDesignation(id: string, at: Date, by: string, reason: string, ex: Executor): Promise<void> {
    await ex.update(riskDesignations).set({ voidedAt: at.toISOString(), voidedBy: by, voidReason: reason }).where(eq(riskDesignations.id, id));
  }

  async insertCheckpoint(row: NewCheckpoint): Promise<CheckpointRow> {
    const [inserted] = await this.db.insert(checkpoints).values(row).returning();
    return inserted!;
  }

  checkpointsByIds(ids: readonly string[]): Promise<CheckpointRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db.select().from(checkpoints).where(inArray(checkpoints.id, [...ids]));
  }

  /** A page of checkpoints, oldest first, in a region (by code prefix) when asked. */
  listCheckpoints(limit: number, regionPrefix?: string, after?: [string, string]): Promise<CheckpointRow[]> {
    return this.db
      .select()
      .from(checkpoints)
      .where(
        and(
          regionPrefix ? sql`${checkpoints.region} like ${`${regionPrefix}%`}` : undefined,
          after ? sql`(${checkpoints.createdAt}, ${checkpoints.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
        ),
      )
      .orderBy(asc(checkpoints.createdAt), asc(checkpoints.id))
      .limit(limit);
  }

  async insertScan(row: NewScan, ex: Executor = this.db): Promise<ScanRow> {
    const [inserted] = await ex.insert(scans).values(row).returning();
    return inserted!;
  }

  /** Scans in [from, to) for a checkpoint or a person, oldest first, after a keyset cursor. */
  scansIn(by: { checkpointId: string } | { personId: string }, from: string, to: string, limit: number, after?: [string, string]): Promise<ScanRow[]> {
    const who = 'checkpointId' in by ? eq(scans.checkpointId, by.checkpointId) : eq(scans.personId, by.personId);
    return this.db
      .select()
      .from(scans)
      .where(and(who, gte(scans.at, from), lt(scans.at, to), after ? sql`(${scans.at}, ${scans.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined))
      .orderBy(asc(scans.at), asc(scans.id))
      .limit(limit);
  }

  /** Residents by stored colour and region prefix; no stored code yet means nothing ever made it other than GREEN. */
  colorCountsByRegion(prefixLength: 2 | 4 | 6): Promise<{ region: string; color: Color; n: number }[]> {
    // The prefix length is one of three constants: inlined, so SELECT and GROUP BY are the same expression.
    const region = sql<string>`substr(${persons.region}, 1, ${sql.raw(String(prefixLength))})`;
    const color = sql<Color>`coalesce(${healthCodes.color}, 'GREEN')`;
    return this.db
      .select({ region, color, n: sql<number>`count(*)::int` })
      .from(persons)
      .leftJoin(healthCodes, eq(healthCodes.personId, persons.personId))
      .groupBy(region, color);
  }

  /** Scans and passes per checkpoint in [from, to), busiest first, at most 1,000 checkpoints. */
  scanCountsByCheckpoint(from: string, to: string): Promise<{ checkpointId: string; scans: number; passed: number }[]> {
    const n = sql<number>`count(*)::int`;
    return this.db
      .select({ checkpointId: scans.checkpointId, scans: n, passed: sql<number>`(count(*) filter (where ${scans.pass}))::int` })
      .from(scans)
      .where(and(gte(scans.at, from), lt(scans.at, to)))
      .groupBy(scans.checkpointId)
      .orderBy(desc(n), asc(scans.checkpointId))
      .limit(1000);
  }

  async insertAppeal(row: NewAppeal, ex: Executor): Promise<AppealRow> {
    const [inserted] = await ex.insert(appeals).values(row).returning();
    return inserted!;
  }

  async appealForUpdate(id: string, ex: Executor): Promise<AppealRow | undefined> {
    const [row] = await ex.select().from(appeals).where(eq(appeals.id, id)).for('update');
    return row;
  }

  async decideAppeal(id: string, status: AppealStatus, at: Date, by: string, note: string | null, ex: Executor): Promise<AppealRow> {
    const [row] = await ex.update(appeals).set({ status, decidedAt: at.toISOString(), decidedBy: by, decisionNote: note }).where(eq(appeals.id, id)).returning();
    return row!;
  }

  appealsOf(personIds: readonly string[]): Promise<AppealRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return this.db.select().from(appeals).where(inArray(appeals.personId, [...personIds])).orderBy(desc(appeals.filedAt));
  }

  appealsByStatus(status: AppealStatus, limit: number, after?: [string, string]): Promise<AppealRow[]> {
    return this.db
      .select()
      .from(appeals)
      .where(and(eq(appeals.status, status), after ? sql`(${appeals.filedAt}, ${appeals.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined))
      .orderBy(asc(appeals.filedAt), asc(appeals.id))
      .limit(limit);
  }

  async insertPaperCode(row: NewPaperCode, ex: Executor): Promise<PaperCodeRow> {
    const [inserted] = await ex.insert(paperCodes).values(row).returning();
    return inserted!;
  }

  async paperCode(id: string): Promise<PaperCodeRow | undefined> {
    const [row] = await this.db.select().from(paperCodes).where(eq(paperCodes.id, id));
    return row;
  }

  async paperCodeByRid(rid: string): Promise<PaperCodeRow | undefined> {
    const [row] = await this.db.select().from(paperCodes).where(eq(paperCodes.rid, rid));
    return row;
  }

  paperCodesOf(personIds: readonly string[]): Promise<PaperCodeRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return this.db.select().from(paperCodes).where(inArray(paperCodes.personId, [...personIds])).orderBy(desc(paperCodes.issuedAt));
  }

  async revokePaperCode(id: string, at: Date, by: string, ex: Executor): Promise<PaperCodeRow | undefined> {
    const [row] = await ex
      .update(paperCodes)
      .set({ revokedAt: at.toISOString(), revokedBy: by })
      .where(and(eq(paperCodes.id, id), sql`${paperCodes.revokedAt} is null`))
      .returning();
    return row;
  }

  /** Revokes every live paper code a guardian printed for a member; answers the revoked ids. */
  async revokePaperCodesIssuedBy(guardianId: string, personId: string, at: Date, by: string, ex: Executor): Promise<string[]> {
    const rows = await ex
      .update(paperCodes)
      .set({ revokedAt: at.toISOString(), revokedBy: by })
      .where(and(eq(paperCodes.personId, personId), eq(paperCodes.issuedByPerson, guardianId), sql`${paperCodes.revokedAt} is null`))
      .returning({ id: paperCodes.id });
    return rows.map((r) => r.id);
  }

  /** Revocation ids of a key's revoked paper codes that have not expired yet. */
  async revokedRids(kid: string, at: Date): Promise<string[]> {
    const rows = await this.db
      .select({ rid: paperCodes.rid })
      .from(paperCodes)
      .where(and(eq(paperCodes.kid, kid), sql`${paperCodes.revokedAt} is not null`, gt(paperCodes.expiresAt, at.toISOString())))
      .orderBy(asc(paperCodes.rid));
    return rows.map((r) => r.rid);
  }

  async personByDocument(documentType: string, documentIndex: string, ex: Executor = this.db): Promise<PersonRow | undefined> {
    const [row] = await ex.select().from(persons).where(and(eq(persons.documentType, documentType), eq(persons.documentIndex, documentIndex)));
    return row;
  }

  async addPendingTraveller(row: typeof pendingTravellers.$inferInsert, ex: Executor): Promise<void> {
    await ex.insert(pendingTravellers).values(row).onConflictDoNothing();
  }

  /** Takes (reads and deletes) the pending statements about a document. */
  async takePendingTravellers(documentType: string, documentIndex: string, ex: Executor): Promise<TravellerStatusReceived[]> {
    const rows = await ex
      .delete(pendingTravellers)
      .where(and(eq(pendingTravellers.documentType, documentType), eq(pendingTravellers.documentIndex, documentIndex)))
      .returning({ payload: pendingTravellers.payload });
    return rows.map((r) => r.payload);
  }

  /** Active designations of a kind for a person, to lift when a partner's green is recognised. */
  async activeDesignationsOfKind(personId: string, kind: string, ex: Executor): Promise<RiskDesignationRow[]> {
    return ex
      .select()
      .from(riskDesignations)
      .where(and(eq(riskDesignations.personId, personId), eq(riskDesignations.kind, kind as RiskDesignationRow['kind']), sql`${riskDesignations.liftedAt} is null and ${riskDesignations.voidedAt} is null`));
  }

  async audit(entries: AuditEntry[], ex: Executor = this.db): Promise<void> {
    if (entries.length) await ex.insert(auditLog).values(entries);
  }
}
