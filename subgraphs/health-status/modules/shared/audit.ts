import type { HealthStatusContext } from '../../context.js';

/**
 * A list of rows about people (scans, appeals, designations) is personal data where it lives: the
 * authority's read of it is audited here, one row per person and request (the collector dedups),
 * whatever the query asks of the person in other subgraphs.
 */
export function auditRows(ctx: HealthStatusContext, rows: readonly { personId: string | null }[], what: string): void {
  if (ctx.principal.kind !== 'authority') return;
  for (const r of rows) if (r.personId) ctx.audit.record('READ_PERSON', r.personId, { relation: 'AUTHORITY', what });
}
