import { auditRecord } from '../../../../common/platform/audit.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../../common/platform/errors.js';
import { assertId, newId } from '../../../../common/platform/ids.js';
import type { HealthStatusContext } from '../../context.js';
import type { AppealGround, AppealRow, AppealSource } from '../../db/repository.js';
import type { Reason } from '../../domain/rules.js';
import { currentCodes } from '../codes/codes.service.js';
import { reevaluate } from '../codes/evaluation.js';
import { counted } from '../designations/designations.service.js';
import type { Executor } from '../../../../common/platform/db.js';

/** The transparency report counts appeals against designations, and those upheld (issue 26). */
async function countDesignationStep(ctx: HealthStatusContext, designationId: string | null, step: 'appealed' | 'upheld', tx: Executor): Promise<void> {
  if (!designationId) return;
  const d = await ctx.repo.designations.designation(designationId, tx);
  if (d) await ctx.repo.designations.count([counted(d, step, ctx.clock(), ctx.provinceCode)], tx);
}

const isUniqueViolation = (err: unknown) => [(err as { code?: string }).code, (err as { cause?: { code?: string } }).cause?.code].includes('23505');

export interface AppealInput {
  reasonCode: string;
  designationId?: string | null;
  statement: string;
  ground?: AppealGround | null;
  declarationDate?: string | null;
}

/** What an appeal is against, once checked against the person's current code. */
export interface AppealTarget {
  designationId: string | null;
  ground: AppealGround;
  declarationDate: string | null;
}

/** Who files an appeal and how: the person or a guardian from a channel, or a 12345 operator for a caller. */
export interface Filing {
  filedBy: string;
  channel: string | null;
  source: AppealSource;
  ticket: string | null;
}

/** A person or their guardian contests one active reason of the person's colour. */
export async function fileAppeal(ctx: HealthStatusContext, input: AppealInput & { personId: string }): Promise<AppealRow> {
  const personId = assertId(input.personId, 'input.personId');
  await ctx.access.assertMayActFor(personId, 'appeal for this person');
  const statement = checkStatement(input.statement);
  const target = await appealableReason(ctx, personId, input);
  const filedBy = await ctx.access.me();
  return insertAppeal(ctx, personId, { reasonCode: input.reasonCode, statement, ...target }, { filedBy, channel: ctx.principal.subject, source: 'CHANNEL', ticket: null });
}

export function checkStatement(raw: string): string {
  const statement = raw.trim();
  if (statement.length < 1 || statement.length > 1000) {
    throw new BadUserInputError('statement must be 1 to 1000 characters', { field: 'input.statement', reason: 'BAD_STATEMENT' });
  }
  return statement;
}

/**
 * The one active reason appealed against (its designation and, for a mistaken entry, the amended
 * day to correct), or BAD_USER_INPUT.
 */
export async function appealableReason(ctx: HealthStatusContext, personId: string, input: AppealInput): Promise<AppealTarget> {
  const [view] = await currentCodes(ctx, [personId]);
  const active = ((view?.code.reasons ?? []) as Reason[]).filter(
    (r) => r.code === input.reasonCode && (!input.designationId || r.designationId === input.designationId),
  );
  if (!active.length) throw new BadUserInputError(`${input.reasonCode} is not a reason of this person's colour now`, { field: 'input.reasonCode', reason: 'REASON_NOT_ACTIVE' });
  if (active.length > 1) {
    throw new BadUserInputError('Several designations stand behind this reason: name one with designationId', { field: 'input.designationId', reason: 'AMBIGUOUS_REASON' });
  }
  const reason = active[0]!;
  const ground = input.ground ?? 'DISPUTED_CAUSE';
  if (ground === 'DISPUTED_CAUSE') {
    if (input.declarationDate) throw new BadUserInputError('declarationDate belongs to a MISTAKEN_ENTRY correction', { field: 'input.declarationDate', reason: 'UNEXPECTED_DATE' });
    return { designationId: reason.designationId ?? null, ground, declarationDate: null };
  }
  // Codes stored before gx-2026.1 carry no correction days.
  const days = reason.correctionDays ?? [];
  if (input.declarationDate ? !days.includes(input.declarationDate) : !days.length) {
    throw new BadUserInputError(`No amended declaration behind ${input.reasonCode} awaits a correction${input.declarationDate ? ` on ${input.declarationDate}` : ''}`, {
      field: input.declarationDate ? 'input.declarationDate' : 'input.ground',
      reason: 'NO_CORRECTION_PENDING',
    });
  }
  const declarationDate = input.declarationDate ?? (days.length === 1 ? days[0]! : null);
  if (!declarationDate) throw new BadUserInputError(`Several days behind ${input.reasonCode} await a correction: name one with declarationDate`, { field: 'input.declarationDate', reason: 'AMBIGUOUS_DAY' });
  return { designationId: null, ground, declarationDate };
}

/** The appeal and its audit row in one transaction; CONFLICT when the reason has an open appeal. */
export async function insertAppeal(ctx: HealthStatusContext, personId: string, input: AppealTarget & { reasonCode: string; statement: string }, filing: Filing): Promise<AppealRow> {
  try {
    return await ctx.repo.transaction(async (tx) => {
      const { reasonCode, designationId, ground, declarationDate, statement } = input;
      const appeal = await ctx.repo.appeals.insertAppeal({ id: newId(), personId, reasonCode, designationId, ground, declarationDate, statement, ...filing, filedAt: ctx.clock().toISOString() }, tx);
      const correction = declarationDate ? { ground, declarationDate } : {};
      const detail = { appealId: appeal.id, reasonCode, source: filing.source, ...correction, ...(filing.ticket ? { ticket: filing.ticket } : {}) };
      await ctx.repo.audit([auditRecord(ctx.principal, 'FILE_APPEAL', personId, detail)], tx);
      await countDesignationStep(ctx, designationId, 'appealed', tx);
      return appeal;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError('This reason already has an open appeal', { reason: 'APPEAL_OPEN' });
    throw err;
  }
}

/**
 * The authority decides. Upheld: the designation behind the reason is annulled (or, for a reason a
 * declaration implied, the occurrences so far are discounted; for a mistaken entry, the day's
 * latest version counts instead of the strictest) and the code re-evaluated. Rejected: nothing
 * changes, so a mistaken entry's strictest version keeps counting.
 */
export async function decideAppeal(ctx: HealthStatusContext, input: { appealId: string; decision: 'UPHELD' | 'REJECTED'; note?: string | null }): Promise<AppealRow> {
  const id = assertId(input.appealId, 'input.appealId');
  const now = ctx.clock();
  const by = `${ctx.principal.kind}:${ctx.principal.subject}`;
  return ctx.repo.transaction(async (tx) => {
    const appeal = await ctx.repo.appeals.appealForUpdate(id, tx);
    if (!appeal) throw new NotFoundError('No such appeal', { reason: 'UNKNOWN_APPEAL' });
    if (appeal.status !== 'OPEN') throw new ConflictError('This appeal is decided already', { reason: 'ALREADY_DECIDED' });
    if (input.decision === 'UPHELD') {
      if (appeal.ground === 'MISTAKEN_ENTRY') await ctx.repo.facts.acceptCorrection(appeal.personId, appeal.declarationDate!, tx);
      else if (appeal.designationId) {
        await ctx.repo.designations.voidDesignation(appeal.designationId, now, by, `APPEAL:${appeal.id}`, tx);
        await countDesignationStep(ctx, appeal.designationId, 'upheld', tx);
      }
      else await ctx.repo.codes.insertOverride({ personId: appeal.personId, reasonCode: appeal.reasonCode, through: ctx.today, appealId: appeal.id }, tx);
    }
    const decided = await ctx.repo.appeals.decideAppeal(id, input.decision, now, by, input.note ?? null, tx);
    await ctx.repo.audit([auditRecord(ctx.principal, 'DECIDE_APPEAL', appeal.personId, { appealId: id, decision: input.decision, reasonCode: appeal.reasonCode, ground: appeal.ground })], tx);
    if (input.decision === 'UPHELD') await reevaluate(ctx, tx, [appeal.personId], now, ctx.principal);
    return decided;
  });
}
