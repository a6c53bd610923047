import type { DesignationAlertConfig } from '../../../../common/platform/config.js';
import type { Executor } from '../../../../common/platform/db.js';
import { newId } from '../../../../common/platform/ids.js';
import type { Logger } from '../../../../common/platform/logger.js';
import { designationAlerts as alertMetric } from '../../../../common/platform/metrics.js';
import type { HealthStatusRepository } from '../../db/repository.js';
import type { RiskKind } from '../../db/tables.js';
import { alertsFor, type BasisKind } from '../../domain/designations.js';

/** What designating needs to judge itself: the repository, the thresholds and where to log. */
export interface AlertDeps {
  repo: HealthStatusRepository;
  designationRules: { alerts: DesignationAlertConfig };
  logger: Logger;
}

/**
 * Unusual designating (issue 26): after a step's designations are written, counts the officer's and
 * the commission's designations in the window and records the alerts the domain rule raises, in the
 * step's transaction. The metric and the log line follow once the transaction has committed
 * (`logged()`), so a step rolled back raises nothing.
 */
export async function raiseAlerts(
  deps: AlertDeps,
  tx: Executor,
  step: { kind: RiskKind; basisKind: BasisKind; organisation: string; officer: string; added: number; designationId: string },
  now: Date,
): Promise<{ logged(): void }> {
  const t = deps.designationRules.alerts;
  const counts = await deps.repo.designations.madeSince(step.officer, step.organisation, new Date(now.getTime() - t.windowMinutes * 60_000), tx);
  const raised = alertsFor({ kind: step.kind, basisKind: step.basisKind, officerCount: counts.officer, organisationCount: counts.organisation, added: step.added }, t);
  const rows = raised.map((a) => ({
    id: newId(),
    at: now.toISOString(),
    kind: a.kind,
    organisation: step.organisation,
    officer: a.kind === 'ORGANISATION_RATE' ? null : step.officer,
    count: a.count,
    threshold: a.threshold,
    windowMinutes: t.windowMinutes,
    designationId: step.designationId,
  }));
  await deps.repo.designations.insertAlerts(rows, tx);
  return {
    logged: () => {
      for (const r of rows) {
        alertMetric.inc({ kind: r.kind });
        deps.logger.warn({ alert: r.kind, organisation: r.organisation, officer: r.officer, count: r.count, threshold: r.threshold, windowMinutes: r.windowMinutes, designationId: r.designationId }, 'unusual designating');
      }
    },
  };
}
