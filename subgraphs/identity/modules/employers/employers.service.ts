import { auditRecord } from '../../../../common/platform/audit.js';
import { BadUserInputError, NotFoundError } from '../../../../common/platform/errors.js';
import { newId } from '../../../../common/platform/ids.js';
import { isGuangxiCounty } from '../../../../common/domain/regions/index.js';
import { sealRef, sealStaffList } from '../../../../common/domain/sealed-ref.js';
import type { IdentityContext } from '../../context.js';
import type { EmployerRow } from '../../db/repository.js';
import { validateCreditCode } from '../../domain/credit-code.js';

/** A staff reference lives for one query plan: long enough for the other subgraphs to resolve it. */
export const STAFF_REF_TTL_MS = 60_000;

export async function registerEmployer(ctx: IdentityContext, input: { name: string; creditCode: string; region: string }): Promise<{ employer: EmployerRow; created: boolean }> {
  const name = input.name.trim();
  if (!name || name.length > 50) throw new BadUserInputError('name must be 1-50 characters', { field: 'input.name', reason: 'BAD_NAME' });
  const code = validateCreditCode(input.creditCode);
  if (!code.ok) throw new BadUserInputError(code.message, { field: 'input.creditCode', reason: code.reason });
  if (!isGuangxiCounty(input.region)) {
    throw new BadUserInputError(`region ${input.region} is not a county-level division of the province`, { field: 'input.region', reason: 'BAD_REGION' });
  }
  return ctx.repo.transaction(async (tx) => {
    const out = await ctx.repo.employers.insertEmployerIfAbsent({ creditCode: code.code, name, region: input.region, createdBy: `${ctx.principal.kind}:${ctx.principal.subject}` }, tx);
    if (out.created) await ctx.repo.audit([auditRecord(ctx.principal, 'REGISTER_EMPLOYER', null, { creditCode: code.code })], tx);
    return out;
  });
}

/** The registered employer a resident names, or NOT_FOUND; a malformed code is simply unknown. */
async function knownEmployer(ctx: IdentityContext, raw: string): Promise<EmployerRow> {
  const code = validateCreditCode(raw);
  const employer = code.ok ? await ctx.repo.employers.employer(code.code) : undefined;
  if (!employer) throw new NotFoundError('No employer is registered with this credit code', { reason: 'UNKNOWN_EMPLOYER' });
  return employer;
}

/** The resident's own consent: only the calling channel user joins, for themself. */
export async function joinEmployer(ctx: IdentityContext, creditCode: string): Promise<{ employer: EmployerRow; personId: string }> {
  const personId = await ctx.access.me();
  const employer = await knownEmployer(ctx, creditCode);
  await ctx.repo.transaction(async (tx) => {
    const { created } = await ctx.repo.employers.joinEmployer({ id: newId(), creditCode: employer.creditCode, personId }, tx);
    if (created) await ctx.repo.audit([auditRecord(ctx.principal, 'JOIN_EMPLOYER', personId, { creditCode: employer.creditCode })], tx);
  });
  return { employer, personId };
}

export async function leaveEmployer(ctx: IdentityContext, creditCode: string): Promise<{ employer: EmployerRow; personId: string }> {
  const personId = await ctx.access.me();
  const employer = await knownEmployer(ctx, creditCode);
  await ctx.repo.transaction(async (tx) => {
    if (!(await ctx.repo.employers.leaveEmployer(employer.creditCode, personId, tx))) {
      throw new NotFoundError('You have not joined this employer', { reason: 'NOT_A_MEMBER' });
    }
    await ctx.repo.audit([auditRecord(ctx.principal, 'LEAVE_EMPLOYER', personId, { creditCode: employer.creditCode })], tx);
  });
  return { employer, personId };
}

/** A reference to one member for the calling employer, for this read only. */
export function staffRef(ctx: IdentityContext, personId: string): string {
  return sealRef(ctx.secrets.documentIndexKey, 'STAFF', ctx.principal, { personId }, new Date(ctx.clock().getTime() + STAFF_REF_TTL_MS));
}

/** Every member, sealed for the calling employer and this read: what the summary's counts are made from. */
export function staffListRef(ctx: IdentityContext, personIds: readonly string[]): string {
  return sealStaffList(ctx.secrets.documentIndexKey, ctx.principal, personIds, new Date(ctx.clock().getTime() + STAFF_REF_TTL_MS));
}
