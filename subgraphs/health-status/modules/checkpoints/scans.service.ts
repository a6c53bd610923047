import { tokenProblem } from '../../../../common/platform/keys.js';
import { BadUserInputError, ForbiddenError } from '../../../../common/platform/errors.js';
import { isUuid, newId } from '../../../../common/platform/ids.js';
import { systemActor } from '../../../../common/platform/audit.js';
import type { HealthStatusContext } from '../../context.js';
import type { CheckpointRow } from '../../db/repository.js';
import type { Color, ScanRow } from '../../db/tables.js';
import { RULE_SETS, ruleSetOn } from '../../domain/rules.js';
import { judgeScanTime, scannedBeforeIssue, TOKEN_EXPIRY_SKEW_S } from '../../domain/scan-time.js';
import { codeView, currentCodes, type CodeView } from '../codes/codes.service.js';
import { reevaluate } from '../codes/evaluation.js';

export const TOKEN_TYPE = 'hc+jwt';

export interface VerifyOutcome {
  pass: boolean;
  reason: string | null;
  color: Color | null;
  tokenColor: Color | null;
  reasons: string[];
  /** Whose code it was: the resolver seals the id into a pseudonym (CodeHolder), never shows it. */
  person: { personId: string } | null;
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

/** What a checkpoint sends for one code: `verifyCode`'s input, or one passenger of a road check. */
export interface VerifyInput {
  token: string;
  temperature?: number | null;
  scanId?: string | null;
  scannedAt?: string | null;
}

/**
 * The phone's scan time for a queued scan (SDL: `VerifyCodeInput.scannedAt`), judged against the
 * server's clock; refused as bad input when implausible, so nothing is recorded.
 */
export function scanTime(scannedAt: string | null | undefined, now: Date, field: string): Date | null {
  if (scannedAt === null || scannedAt === undefined) return null;
  const at = new Date(scannedAt);
  const verdict = Number.isNaN(at.getTime()) ? 'MALFORMED' : judgeScanTime(at, now);
  if (verdict !== 'OK') {
    throw new BadUserInputError(`${field} is not a plausible scan time (${verdict.toLowerCase().replace(/_/g, ' ')} by the server's clock)`, { field, reason: 'IMPLAUSIBLE_SCAN_TIME', verdict });
  }
  return at;
}

/** The phone's scan id: a UUID, or none. */
export function scanIdOf(scanId: string | null | undefined, field: string): string | null {
  if (scanId === null || scanId === undefined) return null;
  if (!isUuid(scanId)) throw new BadUserInputError(`${field} must be a UUID`, { field, reason: 'BAD_SCAN_ID' });
  return scanId;
}

/** The answer a recorded scan gave, for a scan sent again: its verdict as recorded, the holder's reasons as they are now. */
async function replay(ctx: HealthStatusContext, scan: ScanRow): Promise<VerifyOutcome> {
  const view = scan.personId ? (await currentCodes(ctx, [scan.personId]))[0] : undefined;
  return {
    pass: scan.pass,
    reason: scan.reason,
    color: scan.color,
    tokenColor: scan.tokenColor,
    reasons: view ? (view.code.reasons as { code: string }[]).map((r) => r.code) : [],
    person: scan.personId ? { personId: scan.personId } : null,
    paper: scan.paper,
    checkedAt: new Date(scan.at).toISOString(),
  };
}

/**
 * A checkpoint's scan: verify the token offline-style (signature, expiry, issuer, revocation), look
 * up the current colour, apply a measured fever, decide, and record it all, failures included.
 * A scan with the phone's `scanId` is recorded once: sent again, it answers the recorded verdict. A
 * scan with the phone's `scannedAt` (queued offline) is verified as of that time.
 */
export async function verifyCode(ctx: HealthStatusContext, input: VerifyInput, group: { roadCheckId: string; field: string } | null = null): Promise<VerifyOutcome> {
  const field = group?.field ?? 'input';
  const checkpoint = await callingCheckpoint(ctx);
  const checkpointId = checkpoint.id;
  const t = checkTemperature(input.temperature);
  const now = ctx.clock();
  const scanId = scanIdOf(input.scanId, `${field}.scanId`);
  const scannedAt = scanTime(input.scannedAt, now, `${field}.scannedAt`);
  if (scanId) {
    const prior = await ctx.repo.checkpoints.scanByClientId(checkpointId, scanId);
    if (prior) return replay(ctx, prior);
  }
  const at = scannedAt ?? now;
  const checkedAt = at.toISOString();
  const recorded = { checkpointId, at: checkedAt, clientScanId: scanId, recordedAt: scannedAt ? now.toISOString() : null, roadCheckId: group?.roadCheckId ?? null };
  const refuse = async (reason: string, extra: Partial<VerifyOutcome> = {}): Promise<VerifyOutcome> => {
    const row = { ...recorded, id: newId(), personId: extra.person?.personId ?? null, pass: false, reason, temperature: t, paper: !!extra.paper, tokenColor: extra.tokenColor ?? null };
    if (scanId) {
      // Sent twice at once: the second insert finds the first's row and answers what it recorded.
      if (!(await ctx.repo.checkpoints.insertScanOnce(row))) return replay(ctx, (await ctx.repo.checkpoints.scanByClientId(checkpointId, scanId))!);
    } else await ctx.repo.checkpoints.insertScan(row);
    return { pass: false, reason, color: null, tokenColor: null, reasons: [], person: null, paper: false, checkedAt, ...extra };
  };

  let claims: Record<string, unknown>;
  try {
    // A queued scan is judged as of the phone's scan time, with the verifier page's allowance for clock skew.
    ({ payload: claims } = await ctx.keys.verify(input.token, { issuer: ctx.provinceCode, typ: TOKEN_TYPE, currentDate: at, ...(scannedAt ? { clockTolerance: TOKEN_EXPIRY_SKEW_S } : {}) }));
  } catch (err) {
    return refuse(tokenProblem(err));
  }
  const paper = claims.paper === true;
  const tokenColor = (['GREEN', 'YELLOW', 'RED'].includes(String(claims.color)) ? claims.color : null) as Color | null;
  if (scannedAt && scannedBeforeIssue(scannedAt, claims.iat)) return refuse('IMPLAUSIBLE_SCAN_TIME', { paper, tokenColor });
  let person: { personId: string } | undefined;
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
  ctx.audit.record('VERIFY_CODE', person.personId, { organisation: checkpoint.name, checkpointKind: checkpoint.kind, pass, ...(scannedAt ? { scannedAt: checkedAt } : {}) });
  const row = { ...recorded, id: newId(), personId: person.personId, color, tokenColor, temperature: t, pass, reason, paper };
  if (scanId) {
    // Recorded once: the scan first, its audit only when this send is the one that recorded it.
    const entries = ctx.audit.drain();
    const first = await ctx.repo.transaction(async (tx) => {
      if (!(await ctx.repo.checkpoints.insertScanOnce(row, tx))) return false;
      await ctx.repo.audit(entries, tx);
      return true;
    });
    if (!first) return replay(ctx, (await ctx.repo.checkpoints.scanByClientId(checkpointId, scanId))!);
  } else {
    await ctx.repo.audit(ctx.audit.drain(), undefined, ctx.repo.checkpoints.scanInsert(row));
  }
  return { pass, reason, color, tokenColor, reasons: (view!.code.reasons as { code: string }[]).map((r) => r.code), person, paper, checkedAt };
}
