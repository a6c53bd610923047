import { and, asc, desc, eq, gt, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../../../common/platform/db.js';
import type { TravellerStatusReceived } from '../../../../common/platform/events/contracts.js';
import { designationAlerts, designationCounters, pendingTravellers, riskDesignations, type DesignationAlertRow, type DesignationCounterRow, type RiskDesignationRow } from '../../db/tables.js';

export type NewDesignation = typeof riskDesignations.$inferInsert;
export type NewDesignationAlert = typeof designationAlerts.$inferInsert;

/** The steps the transparency report counts. */
export type CountedStep = 'made' | 'approved' | 'lapsed' | 'lifted' | 'appealed' | 'upheld';
const STEPS: readonly CountedStep[] = ['made', 'approved', 'lapsed', 'lifted', 'appealed', 'upheld'];

/** One counted step: the day it happened and what the designation was; `n` designations at once. */
export interface CounterStep {
  day: string;
  kind: RiskDesignationRow['kind'];
  basisKind: string;
  organisation: string;
  step: CountedStep;
  n: number;
}

/** Risk designations and partners' traveller statements waiting for their person to register. */
export class DesignationsRepository {
  constructor(private readonly db: Database) {}

  designationsOf(personIds: readonly string[], ex: Executor = this.db): Promise<RiskDesignationRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return ex
      .select()
      .from(riskDesignations)
      .where(inArray(riskDesignations.personId, [...personIds]))
      .orderBy(desc(riskDesignations.since));
  }

  designationsByIds(ids: readonly string[], ex: Executor = this.db): Promise<RiskDesignationRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return ex.select().from(riskDesignations).where(inArray(riskDesignations.id, [...ids]));
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

  async voidDesignation(id: string, at: Date, by: string, reason: string, ex: Executor): Promise<void> {
    await ex.update(riskDesignations).set({ voidedAt: at.toISOString(), voidedBy: by, voidReason: reason }).where(eq(riskDesignations.id, id));
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

  /** The designations of a `designateRisks` call, locked for an approval. */
  designationsOfBatch(batchId: string, ex: Executor): Promise<RiskDesignationRow[]> {
    return ex.select().from(riskDesignations).where(eq(riskDesignations.batchId, batchId)).orderBy(asc(riskDesignations.id)).for('update');
  }

  /** A second officer's approval: the designations take effect from `at`. */
  async approveDesignations(ids: readonly string[], at: Date, by: string, ex: Executor): Promise<RiskDesignationRow[]> {
    if (!ids.length) return [];
    return ex
      .update(riskDesignations)
      .set({ status: 'ACTIVE', approvedAt: at.toISOString(), approvedBy: by })
      .where(inArray(riskDesignations.id, [...ids]))
      .returning();
  }

  /** Unapproved emergency designations whose time is up (oldest first), locked; none already taken by another run. */
  dueLapses(now: Date, limit: number, ex: Executor): Promise<RiskDesignationRow[]> {
    return ex
      .select()
      .from(riskDesignations)
      .where(
        and(
          sql`${riskDesignations.status} = 'ACTIVE' and ${riskDesignations.emergency} and ${riskDesignations.approvedAt} is null`,
          lte(riskDesignations.lapsesAt, now.toISOString()),
          isNull(riskDesignations.liftedAt),
          isNull(riskDesignations.voidedAt),
        ),
      )
      .orderBy(asc(riskDesignations.lapsesAt))
      .limit(limit)
      .for('update', { skipLocked: true });
  }

  async markLapsed(ids: readonly string[], at: Date, ex: Executor): Promise<void> {
    if (!ids.length) return;
    await ex.update(riskDesignations).set({ status: 'LAPSED', lapsedAt: at.toISOString() }).where(inArray(riskDesignations.id, [...ids]));
  }

  /** Designations an officer, and their organisation, made since `since` (the alert window). */
  async madeSince(createdBy: string, organisation: string, since: Date, ex: Executor): Promise<{ officer: number; organisation: number }> {
    const [row] = await ex
      .select({
        officer: sql<number>`count(*) filter (where ${riskDesignations.createdBy} = ${createdBy})`.mapWith(Number),
        organisation: sql<number>`count(*)`.mapWith(Number),
      })
      .from(riskDesignations)
      .where(and(eq(riskDesignations.organisation, organisation), gt(riskDesignations.createdAt, since.toISOString())));
    return row ?? { officer: 0, organisation: 0 };
  }

  async insertAlerts(rows: NewDesignationAlert[], ex: Executor): Promise<void> {
    if (rows.length) await ex.insert(designationAlerts).values(rows);
  }

  /** The newest alerts first, at most `first`, those at or after `since` when given. */
  alerts(first: number, since: string | null, ex: Executor = this.db): Promise<DesignationAlertRow[]> {
    return ex
      .select()
      .from(designationAlerts)
      .where(since ? gte(designationAlerts.at, since) : undefined)
      .orderBy(desc(designationAlerts.at), desc(designationAlerts.id))
      .limit(first);
  }

  /** Adds counted steps to the transparency counters, in the caller's transaction: one upsert. */
  async count(steps: readonly CounterStep[], ex: Executor): Promise<void> {
    const rows = new Map<string, DesignationCounterRow>();
    for (const s of steps) {
      const key = [s.day, s.kind, s.basisKind, s.organisation].join('\u0000');
      const row = rows.get(key) ?? { day: s.day, kind: s.kind, basisKind: s.basisKind, organisation: s.organisation, made: 0, approved: 0, lapsed: 0, lifted: 0, appealed: 0, upheld: 0 };
      row[s.step] += s.n;
      rows.set(key, row);
    }
    if (!rows.size) return;
    const set = Object.fromEntries(STEPS.map((k) => [k, sql.raw(`"designation_counters"."${designationCounters[k].name}" + excluded."${designationCounters[k].name}"`)]));
    await ex
      .insert(designationCounters)
      .values([...rows.values()])
      .onConflictDoUpdate({ target: [designationCounters.day, designationCounters.kind, designationCounters.basisKind, designationCounters.organisation], set });
  }

  /** The counters of the days from `from` to `to` (local dates, both included). */
  counters(from: string, to: string, ex: Executor = this.db): Promise<DesignationCounterRow[]> {
    return ex
      .select()
      .from(designationCounters)
      .where(and(gte(designationCounters.day, from), lte(designationCounters.day, to)))
      .orderBy(asc(designationCounters.day), asc(designationCounters.kind), asc(designationCounters.basisKind), asc(designationCounters.organisation));
  }
}
