import { auditRecord, type Actor } from '../../../../common/platform/audit.js';
import type { Executor } from '../../../../common/platform/db.js';
import { byKey } from '../../../../common/platform/group.js';
import { HEALTH_STATUS_EVENTS } from '../../../../common/platform/events/contracts.js';
import { publishEvents } from '../../../../common/platform/events/typed.js';
import type { EventTransport } from '../../../../common/platform/events/transport.js';
import type { HealthCodeRow, HealthStatusRepository, RiskDesignationRow, DayFactRow } from '../../db/repository.js';
import { addDays, evaluate, localDate, type DayFact, type Designation, type Evaluation, type ExposureKind } from '../../domain/rules.js';
import { RULE_SETS } from '../../domain/rule-sets.js';

/** How far back declarations matter: at least the clearance window, more when a designation is older. */
const MIN_HISTORY_DAYS = 30;

export interface EvaluationDeps {
  repo: HealthStatusRepository;
  events: EventTransport;
}

export function toDesignation(r: RiskDesignationRow): Designation {
  return { id: r.id, kind: r.kind, since: r.since, source: r.source, liftedAt: r.liftedAt, voidedAt: r.voidedAt, status: r.status, lapsesAt: r.lapsesAt, approvedAt: r.approvedAt };
}

export function toDayFact(r: DayFactRow): DayFact {
  return {
    date: r.localDate,
    declared: r.declared,
    maxTemperature: r.maxTemperature === null ? null : Number(r.maxTemperature),
    symptoms: r.symptoms,
    exposures: r.exposures as ExposureKind[],
    checkpointFever: r.checkpointFever,
    versions: Object.entries(r.versions).map(([version, v]) => ({ version: Number(version), temperature: Number(v.temperature), symptoms: v.symptoms, exposures: v.exposures as ExposureKind[] })),
    correctedFrom: r.correctedFrom,
  };
}

/**
 * Re-evaluates people's codes from their designations and day facts and stores the result; a colour
 * that changed is audited and published (CodeColorChanged) in the caller's transaction. This is the
 * only writer of stored codes, so the stored colour is always what the rules say for its day.
 */
export async function reevaluate(deps: EvaluationDeps, tx: Executor, personIds: readonly string[], now: Date, actor: Actor): Promise<Map<string, Evaluation>> {
  const ids = [...new Set(personIds)];
  const result = new Map<string, Evaluation>();
  if (!ids.length) return result;
  const today = localDate(now);
  const designations = await deps.repo.designations.designationsOf(ids, tx);
  const oldest = designations.reduce((min, d) => (localDate(d.since) < min ? localDate(d.since) : min), addDays(today, -MIN_HISTORY_DAYS));
  const facts = await deps.repo.facts.factsOf(ids, oldest, tx);
  const stored = new Map((await deps.repo.codes.codesOf(ids, tx)).map((c) => [c.personId, c]));
  const overrides = await deps.repo.codes.overridesOf(ids, tx);

  const designationsBy = byKey(designations, (r) => r.personId);
  const factsBy = byKey(facts, (r) => r.personId);
  const overridesBy = byKey(overrides, (r) => r.personId);
  const changes: { personId: string; before: HealthCodeRow | undefined; after: Evaluation }[] = [];
  for (const id of ids) {
    const ev = evaluate({
      ruleSets: RULE_SETS,
      designations: (designationsBy.get(id) ?? []).map(toDesignation),
      facts: (factsBy.get(id) ?? []).map(toDayFact),
      overrides: (overridesBy.get(id) ?? []).map((o) => ({ reasonCode: o.reasonCode, through: o.through })),
      now,
    });
    result.set(id, ev);
    const before = stored.get(id);
    if (before?.color !== ev.color) changes.push({ personId: id, before, after: ev });
  }

  await deps.repo.codes.upsertCodes(
    [...result].map(([personId, ev]) => ({
      personId,
      color: ev.color,
      ruleVersion: ev.ruleVersion,
      reasons: ev.reasons,
      greenOn: ev.greenOn,
      normalDays: ev.normalDays,
      localDate: ev.localDate,
      // The service clock, not the database's: tests move it, and a code says when it was judged.
      evaluatedAt: now.toISOString(),
    })),
    tx,
  );
  // A first evaluation to GREEN is no change anyone needs to hear about.
  const reported = changes.filter((c) => c.before || c.after.color !== 'GREEN');
  if (reported.length) {
    await publishEvents(
      deps.events,
      tx,
      reported.map((c) => ({
        type: HEALTH_STATUS_EVENTS.CodeColorChanged,
        personId: c.personId,
        payload: {
          personId: c.personId,
          from: c.before?.color ?? null,
          to: c.after.color,
          ruleVersion: c.after.ruleVersion,
          reasons: c.after.reasons.map((r) => r.code),
          localDate: c.after.localDate,
        },
      })),
    );
    await deps.repo.audit(
      reported.map((c) =>
        auditRecord(actor, 'COLOR_CHANGED', c.personId, { from: c.before?.color ?? null, to: c.after.color, reasons: c.after.reasons.map((r) => r.code), ruleVersion: c.after.ruleVersion }),
      ),
      tx,
    );
  }
  return result;
}
