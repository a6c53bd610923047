import { tokenProblem } from '../../../../common/platform/keys.js';
import { BadUserInputError, ForbiddenError } from '../../../../common/platform/errors.js';
import { isUuid, newId } from '../../../../common/platform/ids.js';
import { systemActor } from '../../../../common/platform/audit.js';
import type { HealthStatusContext } from '../../context.js';
import type { CheckpointRow, PersonRow } from '../../db/repository.js';
import type { Color } from '../../db/tables.js';
import { RULE_SETS, ruleSetOn } from '../../domain/rules.js';
import { codeView, currentCodes, type CodeView } from '../codes/codes.service.js';
import { reevaluate } from '../codes/evaluation.js';

export const TOKEN_TYPE = 'hc+jwt';

export interface VerifyOutcome {
  pass: boolean;
  reason: string | null;
  color: Color | null;
  tokenColor: Color | null;
  reasons: string[];
  person: PersonRow | null;
  paper: boolean;
  checkedAt: string;
}

/** The calling checkpoint from the registry, or FORBIDDEN for a credential that names none. */
export async function callingCheckpoint(ctx: HealthStatusContext): Promise<CheckpointRow> {
  const checkpointId = ctx.principal.subject;
  // From the per-process cache: W1's budget is the code's read and the scan's insert.
  const checkpoint = isUuid(checkpointId) ? await ctx.repo.checkpoints.registeredCheckpoint(checkpointId) : undefined;
  if (!checkpoint) throw new ForbiddenError('This credential belongs to no registered checkpoint', { reason: 'UNKNOWN_CHECKPOINT' });
  return checkpoint;
}

export function checkTemperature(temperature: number | null | undefined): number | null {
  const t = temperature ?? null;
  if (t !== null && (!Number.isFinite(t) || t < 30 || t > 45)) {
    throw new BadUserInputError('temperature must be between 30 and 45 °C', { field: 'input.temperature', reason: 'BAD_TEMPERATURE' });
  }
  return t;
}

/**
 * A temperature measured by the calling checkpoint: a fever counts like a declared one (the fact is
 * recorded and the person re-evaluated in one transaction). Answers whether it was a fever.
 */
export async function applyMeasuredTemperature(ctx: HealthStatusContext, personId: string, t: number | null, now: Date): Promise<boolean> {
  await ctx.fresh();
  const threshold = ruleSetOn(RULE_SETS, ctx.today).feverThreshold;
  const fever = t !== null && t >= threshold;
  if (fever) {
    await ctx.repo.transaction(async (tx) => {
      await ctx.repo.facts.recordCheckpointFever(personId, ctx.today, t, tx);
      await reevaluate(ctx, tx, [personId], now, systemActor(`checkpoint:${ctx.principal.subject}`));
    });
  }
  return fever;
}

/**
 * A checkpoint's scan: verify the token offline-style (signature, expiry, issuer, revocation), look
 * up the current colour, apply a measured fever, decide, and record it all, failures included.
 */
export async function verifyCode(ctx: HealthStatusContext, input: { token: string; temperature?: number | null }): Promise<VerifyOutcome> {
  const checkpoint = await callingCheckpoint(ctx);
  const checkpointId = checkpoint.id;
  const t = checkTemperature(input.temperature);
  const now = ctx.clock();
  const checkedAt = now.toISOString();
  const refuse = async (reason: string, extra: Partial<VerifyOutcome> = {}): Promise<VerifyOutcome> => {
    await ctx.repo.checkpoints.insertScan({ id: newId(), checkpointId, personId: extra.person?.personId ?? null, at: checkedAt, pass: false, reason, temperature: t, paper: !!extra.paper, tokenColor: extra.tokenColor ?? null });
    return { pass: false, reason, color: null, tokenColor: null, reasons: [], person: null, paper: false, checkedAt, ...extra };
  };

  let claims: Record<string, unknown>;
  try {
    ({ payload: claims } = await ctx.keys.verify(input.token, { issuer: ctx.provinceCode, typ: TOKEN_TYPE, currentDate: now }));
  } catch (err) {
    return refuse(tokenProblem(err));
  }
  const paper = claims.paper === true;
  const tokenColor = (['GREEN', 'YELLOW', 'RED'].includes(String(claims.color)) ? claims.color : null) as Color | null;
  let person: PersonRow | undefined;
  let view: CodeView | undefined;
  if (paper) {
    // Revocations may arrive as events (a guardianship ended): apply them before trusting the code.
    await ctx.fresh();
    // A paper code names its holder only through its revocation id (see issuePaperCode).
    const code = typeof claims.rid === 'string' ? await ctx.repo.paperCodes.paperCodeByRid(claims.rid) : undefined;
    if (!code || code.revokedAt) return refuse('REVOKED', { paper, tokenColor });
    [person] = await ctx.repo.persons.personsByIds([code.personId]);
  } else if (typeof claims.sub === 'string' && isUuid(claims.sub)) {
    // The code and its person in one keyed read that also tells whether events are pending (W1's budget: this and the scan).
    const codeId = claims.sub;
    const stored = await ctx.freshRead((pending) => ctx.repo.codes.storedCodeByCodeId(codeId, pending));
    if (stored) ({ person } = view = codeView(ctx.clock, stored));
  }
  if (!person) return refuse('UNKNOWN_CODE', { paper, tokenColor });

  const fever = await applyMeasuredTemperature(ctx, person.personId, t, now);
  // A paper code, or a fever just re-evaluated: the colour is read (again) after the facts.
  if (!view || fever) view = (await currentCodes(ctx, [person.personId]))[0] ?? undefined;
  const color = view!.code.color;
  const pass = color === 'GREEN' && !fever;
  const reason = fever ? 'FEVER' : pass ? null : color;
  // The checkpoint has read the person's colour and reasons: that is a read of their data, audited
  // (with the place's name for the person's access log) like any other, not only kept as a scan.
  // The scan, its audit row and its access event go in one statement (W1: the code's read and this).
  ctx.audit.record('VERIFY_CODE', person.personId, { organisation: checkpoint.name, checkpointKind: checkpoint.kind, pass });
  const scan = ctx.repo.checkpoints.scanInsert({ id: newId(), checkpointId, personId: person.personId, at: checkedAt, color, tokenColor, temperature: t, pass, reason, paper });
  await ctx.repo.audit(ctx.audit.drain(), undefined, scan);
  return { pass, reason, color, tokenColor, reasons: (view!.code.reasons as { code: string }[]).map((r) => r.code), person, paper, checkedAt };
}
