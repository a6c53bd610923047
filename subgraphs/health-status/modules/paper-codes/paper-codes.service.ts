import { createHmac } from 'node:crypto';
import { auditRecord, systemActor } from '../../../../common/platform/audit.js';
import type { Executor } from '../../../../common/platform/db.js';
import type { GuardianshipChanged } from '../../../../common/platform/events/contracts.js';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../../../common/platform/errors.js';
import { assertId, newId } from '../../../../common/platform/ids.js';
import type { HealthStatusContext } from '../../context.js';
import type { HealthStatusRepository, PaperCodeRow } from '../../db/repository.js';
import { currentCodes } from '../codes/codes.service.js';
import { TOKEN_TYPE } from '../checkpoints/scans.service.js';

/**
 * The revocation id printed in a paper code (SMART Health Cards' `rid` idea): an HMAC of the paper
 * code's own id, so a published revocation list names codes without naming people.
 */
export function revocationId(key: Buffer, paperCodeId: string): string {
  return createHmac('sha256', key).update(`rid:${paperCodeId}`).digest('base64url').slice(0, 22);
}

/** Paper codes are printed by a guardian (for a member with no phone) or by the authority. */
async function assertMayManage(ctx: HealthStatusContext, personId: string): Promise<void> {
  if (ctx.principal.kind === 'authority') return;
  if ((await ctx.access.relationTo(personId)) !== 'GUARDIAN') {
    throw new ForbiddenError("Only a guardian or the health authority manages a person's paper codes", { reason: 'NOT_GUARDIAN' });
  }
}

export async function issuePaperCode(ctx: HealthStatusContext, personIdInput: string, validDays: number): Promise<PaperCodeRow & { token: string }> {
  const personId = assertId(personIdInput, 'personId');
  if (!Number.isInteger(validDays) || validDays < 1 || validDays > 90) {
    throw new BadUserInputError('validDays must be 1 to 90', { field: 'validDays', reason: 'BAD_VALIDITY' });
  }
  await assertMayManage(ctx, personId);
  const issuedByPerson = ctx.principal.kind === 'authority' ? null : (await ctx.access.viewer()).personId;
  const [view] = await currentCodes(ctx, [personId]);
  if (!view) throw new NotFoundError('No such person', { reason: 'UNKNOWN_PERSON' });
  const id = newId();
  const rid = revocationId(ctx.secrets.documentIndexKey, id);
  const now = ctx.clock();
  // The paper code's own id as subject, not the person's code id: a printed code and the phone's
  // token cannot be linked by anyone who holds both. verifyCode finds the person through `rid`.
  const { token, expiresAt } = await ctx.keys.sign(
    { sub: id, color: view.code.color, rv: view.code.ruleVersion, paper: true, rid },
    { issuer: ctx.provinceCode, ttlSeconds: validDays * 86_400, typ: TOKEN_TYPE, now },
  );
  const row = await ctx.repo.transaction(async (tx) => {
    const inserted = await ctx.repo.paperCodes.insertPaperCode(
      {
        id,
        personId,
        kid: ctx.keys.kid,
        rid,
        issuedAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
        issuedBy: `${ctx.principal.kind}:${ctx.principal.subject}:${ctx.principal.channelUser ?? ''}`,
        issuedByPerson,
      },
      tx,
    );
    await ctx.repo.audit([auditRecord(ctx.principal, 'ISSUE_PAPER_CODE', personId, { paperCodeId: id, validDays })], tx);
    return inserted;
  });
  return { ...row, token };
}

export async function revokePaperCode(ctx: HealthStatusContext, idInput: string): Promise<PaperCodeRow> {
  const id = assertId(idInput, 'id');
  const code = await ctx.repo.paperCodes.paperCode(id);
  if (!code) throw new NotFoundError('No such paper code', { reason: 'UNKNOWN_PAPER_CODE' });
  await assertMayManage(ctx, code.personId);
  return ctx.repo.transaction(async (tx) => {
    const revoked = (await ctx.repo.paperCodes.revokePaperCode(id, ctx.clock(), `${ctx.principal.kind}:${ctx.principal.subject}`, tx)) ?? code;
    await ctx.repo.audit([auditRecord(ctx.principal, 'REVOKE_PAPER_CODE', code.personId, { paperCodeId: id })], tx);
    return revoked;
  });
}

/**
 * A guardianship ended (identity's GuardianshipChanged, inactive): what that guardian printed for
 * the member stops verifying, in the same transaction that applies the event.
 */
export async function onGuardianshipEnded(repo: HealthStatusRepository, tx: Executor, ended: GuardianshipChanged, at: Date): Promise<void> {
  const revoked = await repo.paperCodes.revokePaperCodesIssuedBy(ended.guardianId, ended.dependentId, at, 'system:guardianship-ended', tx);
  if (revoked.length) {
    await repo.audit([auditRecord(systemActor('health-status/events'), 'REVOKE_PAPER_CODE', ended.dependentId, { paperCodeIds: revoked, guardianId: ended.guardianId, cause: 'GUARDIANSHIP_ENDED' })], tx);
  }
}
