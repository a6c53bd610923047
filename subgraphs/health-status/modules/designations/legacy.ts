import { auditRecord, systemActor } from '../../../../common/platform/audit.js';
import type { Executor } from '../../../../common/platform/db.js';
import type { LegacyCodeImported } from '../../../../common/platform/events/contracts.js';
import { newId } from '../../../../common/platform/ids.js';
import type { HealthStatusRepository } from '../../db/repository.js';
import type { RiskKind } from '../../db/tables.js';
import { initialStatus } from '../../domain/designations.js';
import { reevaluate, type EvaluationDeps } from '../codes/evaluation.js';
import { counted } from './designations.service.js';

/**
 * A vendor's colour becomes the mildest designation of that colour (RED: close contact, YELLOW: key
 * area): both clear after 14 normal days under our rules, or when the authority lifts them.
 */
export const LEGACY_KIND: Record<LegacyCodeImported['color'], RiskKind> = { RED: 'CLOSE_CONTACT', YELLOW: 'KEY_AREA' };

export const legacySource = (vendor: string) => `LEGACY:${vendor}`;

/** Keeps an imported RED/YELLOW as a designation and re-evaluates the person, in the consumer's transaction. */
export async function onLegacyCodeImported(deps: EvaluationDeps & { repo: HealthStatusRepository }, tx: Executor, e: LegacyCodeImported, now: Date): Promise<void> {
  const actor = systemActor(`legacy-import:${e.vendor}`);
  const kind = LEGACY_KIND[e.color];
  // The legacy code is its own basis (旧码迁移) and needs no second officer (issue 26).
  const [row] = await deps.repo.designations.insertDesignations(
    [
      {
        id: newId(),
        personId: e.personId,
        kind,
        since: e.since,
        source: legacySource(e.vendor),
        note: `vendor user ${e.vendorUser}`,
        createdBy: actor.subject,
        createdAt: now.toISOString(),
        basisKind: 'LEGACY_IMPORT',
        basisReference: legacySource(e.vendor).slice(0, 64),
        status: initialStatus('LEGACY', false),
      },
    ],
    tx,
  );
  await deps.repo.designations.count([counted(row!, 'made', now, '')], tx);
  await deps.repo.audit([auditRecord(actor, 'DESIGNATE_RISK', e.personId, { kind, vendor: e.vendor, legacyColor: e.color })], tx);
  await reevaluate(deps, tx, [e.personId], now, actor);
}
