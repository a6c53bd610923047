import { systemActor, auditRecord } from '../../../../common/platform/audit.js';
import type { Executor } from '../../../../common/platform/db.js';
import type { PersonRegistered, TravellerStatusReceived } from '../../../../common/platform/events/contracts.js';
import { newId } from '../../../../common/platform/ids.js';
import type { HealthStatusRepository } from '../../db/repository.js';
import type { RiskKind } from '../../db/tables.js';
import { partnerGreenCovers } from '../../domain/partners.js';
import { addDays, localDate, RULE_SETS, ruleSetOn } from '../../domain/rules.js';
import { initialStatus } from '../../domain/designations.js';
import { reevaluate, type EvaluationDeps } from '../codes/evaluation.js';
import { counted } from './designations.service.js';

const KINDS: readonly RiskKind[] = ['CONFIRMED', 'SUSPECTED', 'CLOSE_CONTACT', 'KEY_AREA', 'FEVER_CLINIC', 'OUT_OF_PROVINCE'];

/** The designation a partner's colour becomes: its own reason when it named one of ours, else the mildest of that colour's kinds. */
export function designationKind(t: Pick<TravellerStatusReceived, 'color' | 'kind'>): RiskKind | null {
  if (t.color === 'GREEN') return null;
  if (t.kind && (KINDS as readonly string[]).includes(t.kind)) return t.kind as RiskKind;
  return t.color === 'RED' ? 'CLOSE_CONTACT' : 'KEY_AREA';
}

/**
 * Recognises a partner's statement about a traveller: RED/YELLOW become a designation with the
 * partner as source; GREEN, where the rule set recognises partners' green, lifts the arrival's
 * OUT_OF_PROVINCE cause (designated or implied by the arrival declaration).
 */
export async function recogniseTraveller(deps: EvaluationDeps & { repo: HealthStatusRepository }, tx: Executor, personId: string, t: TravellerStatusReceived, now: Date): Promise<void> {
  const actor = systemActor(`partner:${t.partnerCode}`);
  const kind = designationKind(t);
  if (kind) {
    // A partner's clock may run ahead of ours: a cause never starts later than we learn of it.
    const since = Date.parse(t.asOf) > now.getTime() ? now.toISOString() : t.asOf;
    // A partner's request (协查函) is its own basis and needs no second officer of ours (issue 26).
    const [row] = await deps.repo.designations.insertDesignations(
      [
        {
          id: newId(),
          personId,
          kind,
          since,
          source: `PARTNER:${t.partnerCode}`,
          note: `request ${t.requestId}`,
          createdBy: `partner:${t.partnerCode}`,
          createdAt: now.toISOString(),
          basisKind: 'PARTNER_REQUEST',
          basisReference: t.requestId.slice(0, 64),
          status: initialStatus('PARTNER', false),
        },
      ],
      tx,
    );
    await deps.repo.designations.count([counted(row!, 'made', now, '')], tx);
    await deps.repo.audit([auditRecord(actor, 'DESIGNATE_RISK', personId, { kind, partner: t.partnerCode, requestId: t.requestId })], tx);
    await reevaluate(deps, tx, [personId], now, actor);
    return;
  }
  const rs = ruleSetOn(RULE_SETS, localDate(now));
  if (rs.recognisePartnerGreen) {
    // Arrivals recent enough to still count toward the cause: the clearance window and then some.
    const recent = await deps.repo.facts.factsOf([personId], addDays(localDate(now), -2 * rs.clearanceDays), tx);
    if (!partnerGreenCovers(t.partnerCode, recent.map((f) => f.arrivedFrom))) {
      await deps.repo.audit([auditRecord(actor, 'PARTNER_GREEN_NOT_APPLICABLE', personId, { partner: t.partnerCode, requestId: t.requestId, reason: 'ARRIVED_FROM_ANOTHER_PROVINCE' })], tx);
      return;
    }
    for (const d of await deps.repo.designations.activeDesignationsOfKind(personId, 'OUT_OF_PROVINCE', tx)) {
      await deps.repo.designations.liftDesignation(d.id, now, `partner:${t.partnerCode}`, `green recognised, request ${t.requestId}`, tx);
    }
    await deps.repo.codes.insertOverride({ personId, reasonCode: 'Y_OUT_OF_PROVINCE', through: localDate(now), appealId: newId() }, tx);
    await deps.repo.audit([auditRecord(actor, 'RECOGNISE_PARTNER_GREEN', personId, { partner: t.partnerCode, requestId: t.requestId })], tx);
  }
  await reevaluate(deps, tx, [personId], now, actor);
}

/** A statement arrives: applied when the traveller is known, kept for their registration otherwise. */
export async function onTravellerStatus(deps: EvaluationDeps & { repo: HealthStatusRepository }, tx: Executor, t: TravellerStatusReceived, now: Date): Promise<void> {
  const personId = t.personId ?? (await deps.repo.persons.personByDocument(t.documentType, t.documentIndex, tx))?.personId;
  if (personId) return recogniseTraveller(deps, tx, personId, t, now);
  await deps.repo.designations.addPendingTraveller({ partnerCode: t.partnerCode, requestId: t.requestId, documentType: t.documentType, documentIndex: t.documentIndex, payload: t }, tx);
}

/** A new registration: statements partners sent about this document before now apply. */
export async function onPersonRegistered(deps: EvaluationDeps & { repo: HealthStatusRepository }, tx: Executor, p: PersonRegistered, now: Date): Promise<void> {
  for (const pending of await deps.repo.designations.takePendingTravellers(p.documentType, p.documentIndex, tx)) {
    await recogniseTraveller(deps, tx, p.personId, pending, now);
  }
}
