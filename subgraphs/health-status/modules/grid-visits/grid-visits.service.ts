import { auditRecord } from '../../../../common/platform/audit.js';
import { ForbiddenError, NotFoundError } from '../../../../common/platform/errors.js';
import { newId } from '../../../../common/platform/ids.js';
import { openRef, sealRef } from '../../../../common/domain/sealed-ref.js';
import type { HealthStatusContext } from '../../context.js';
import type { Color } from '../../db/tables.js';
import { applyMeasuredTemperature, callingCheckpoint, checkTemperature } from '../checkpoints/scans.service.js';

/** A grid visit's subject as this subgraph resolves it. */
export interface GridSubjectView {
  id: string;
  personId: string;
}

export interface GridVisitOutcome {
  person: GridSubjectView;
  color: Color;
  fever: boolean;
  visitedAt: string;
}

const SUBJECT_TTL_MS = 10 * 60_000;

export function openGridSubject(ctx: HealthStatusContext, ref: string): GridSubjectView | null {
  const opened = openRef(ctx.secrets.documentIndexKey, 'GRID_SUBJECT', ctx.principal, ref, ctx.clock());
  return opened ? { id: ref, personId: opened.personId } : null;
}

/** The visit as a scan of the calling GRID_VISIT checkpoint, the measured fever applied to the rules first. */
export async function recordGridVisit(ctx: HealthStatusContext, input: { subject: string; temperature: number }): Promise<GridVisitOutcome> {
  const checkpoint = await callingCheckpoint(ctx);
  // The registry is the authority on a checkpoint's kind; the key's scope only lets the request through.
  if (checkpoint.kind !== 'GRID_VISIT') throw new ForbiddenError('Only a grid worker (a GRID_VISIT checkpoint) records door-to-door visits', { reason: 'NOT_GRID_VISIT' });
  const subject = openGridSubject(ctx, input.subject);
  if (!subject) throw new NotFoundError('No such visit subject for this checkpoint: look the person up again', { reason: 'UNKNOWN_SUBJECT' });
  const t = checkTemperature(input.temperature)!;
  const now = ctx.clock();
  const fever = await applyMeasuredTemperature(ctx, subject.personId, t, now);
  const [view] = await ctx.loaders.codes.loadMany([subject.personId]).then((v) => v.map((x) => (x instanceof Error ? null : x)));
  const color = view?.code.color ?? 'GREEN';
  const visitedAt = now.toISOString();
  await ctx.repo.transaction(async (tx) => {
    await ctx.repo.checkpoints.insertScan({ id: newId(), checkpointId: checkpoint.id, personId: subject.personId, at: visitedAt, color, temperature: t, pass: color === 'GREEN' && !fever, reason: fever ? 'FEVER' : color === 'GREEN' ? null : color, paper: false }, tx);
    await ctx.repo.audit([auditRecord(ctx.principal, 'GRID_VISIT', subject.personId, { operation: 'recordGridVisit', checkpointId: checkpoint.id, fever })], tx);
  });
  return { person: { personId: subject.personId, id: sealRef(ctx.secrets.documentIndexKey, 'GRID_SUBJECT', ctx.principal, { personId: subject.personId }, new Date(now.getTime() + SUBJECT_TTL_MS)) }, color, fever, visitedAt };
}
