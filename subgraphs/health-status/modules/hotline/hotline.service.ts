import { auditRecord } from '../../../../common/platform/audit.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../../common/platform/errors.js';
import { assertId, newId } from '../../../../common/platform/ids.js';
import { openRef } from '../../../../common/domain/sealed-ref.js';
import type { HealthStatusContext } from '../../context.js';
import type { AppealRow } from '../../db/repository.js';
import { appealableReason, checkStatement, insertAppeal, type AppealInput } from '../appeals/appeals.service.js';

/** The caller behind a reference, for the operator it was made for. */
export interface CallerView {
  id: string;
  personId: string;
  ticket: string;
}

export function openCaller(ctx: HealthStatusContext, ref: string): CallerView | null {
  const opened = openRef(ctx.secrets.documentIndexKey, 'HOTLINE_CALLER', ctx.principal, ref, ctx.clock());
  return opened?.ticket ? { id: ref, personId: opened.personId, ticket: opened.ticket } : null;
}

function callerOrNotFound(ctx: HealthStatusContext, ref: string): CallerView {
  const caller = openCaller(ctx, ref);
  if (!caller) throw new NotFoundError('No such caller for this operator: look the caller up again', { reason: 'UNKNOWN_CALLER' });
  return caller;
}

export async function fileAppealForCaller(ctx: HealthStatusContext, input: AppealInput & { caller: string }): Promise<AppealRow> {
  const caller = callerOrNotFound(ctx, input.caller);
  const statement = checkStatement(input.statement);
  await ctx.fresh();
  const target = await appealableReason(ctx, caller.personId, input);
  return insertAppeal(ctx, caller.personId, { reasonCode: input.reasonCode, statement, ...target }, { filedBy: caller.personId, channel: null, source: 'HOTLINE', ticket: caller.ticket });
}

export async function addAppealNote(ctx: HealthStatusContext, input: { caller: string; appealId: string; note: string }): Promise<AppealRow> {
  const caller = callerOrNotFound(ctx, input.caller);
  const appealId = assertId(input.appealId, 'input.appealId');
  const note = input.note.trim();
  if (note.length < 1 || note.length > 2000) throw new BadUserInputError('note must be 1 to 2000 characters', { field: 'input.note', reason: 'BAD_NOTE' });
  return ctx.repo.transaction(async (tx) => {
    const appeal = await ctx.repo.appeals.appealForUpdate(appealId, tx);
    // Another person's appeal does not exist for this call.
    if (!appeal || appeal.personId !== caller.personId) throw new NotFoundError('No such appeal for this caller', { reason: 'UNKNOWN_APPEAL' });
    if (appeal.status !== 'OPEN') throw new ConflictError('This appeal is decided already', { reason: 'ALREADY_DECIDED' });
    const at = ctx.clock().toISOString();
    await ctx.repo.appeals.insertNote({ id: newId(), appealId, note, author: `${ctx.principal.kind}:${ctx.principal.subject}`, ticket: caller.ticket, at }, tx);
    await ctx.repo.audit([auditRecord(ctx.principal, 'ADD_APPEAL_NOTE', caller.personId, { appealId, ticket: caller.ticket })], tx);
    return appeal;
  });
}
