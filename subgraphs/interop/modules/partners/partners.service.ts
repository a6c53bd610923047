import { auditRecord } from '../../../../common/platform/audit.js';
import { keySetOf } from '../../../../common/platform/keys.js';
import { BadUserInputError, ConflictError, NotFoundError, UnauthenticatedError } from '../../../../common/platform/errors.js';
import type { InteropContext } from '../../context.js';
import type { PartnerRow } from '../../db/repository.js';
import type { PartnerRight } from '../../db/tables.js';
import { validatePartnerJwks, type PublicJwk } from '../../domain/jwks.js';

const CODE = /^[A-Za-z0-9_-]{2,32}$/;

function keysOf(value: unknown, field: string): PublicJwk[] {
  const v = validatePartnerJwks(value);
  if (!v.ok) throw new BadUserInputError(v.message, { field, reason: v.reason });
  return v.keys;
}

export async function registerPartner(
  ctx: InteropContext,
  input: { code: string; name: string; kind: 'PROVINCE' | 'NATIONAL'; keys: unknown; rights: PartnerRight[] },
): Promise<PartnerRow> {
  if (!CODE.test(input.code)) throw new BadUserInputError('code must be 2-32 letters, digits, _ or -', { field: 'input.code', reason: 'BAD_CODE' });
  if (input.code === ctx.provinceCode) throw new BadUserInputError('that is our own code', { field: 'input.code', reason: 'OWN_CODE' });
  const name = input.name.trim();
  if (!name || name.length > 100) throw new BadUserInputError('name must be 1-100 characters', { field: 'input.name', reason: 'BAD_NAME' });
  const keys = keysOf(input.keys, 'input.keys');
  return ctx.repo.transaction(async (tx) => {
    const row = await ctx.repo.partners.insertPartner(
      { code: input.code, name, kind: input.kind, rights: [...new Set(input.rights)], jwks: { keys } },
      keys.map((k) => ({ kid: k.kid, jwk: k })),
      tx,
    );
    if (!row) throw new ConflictError(`partner ${input.code} is registered already`, { reason: 'PARTNER_EXISTS' });
    await ctx.repo.audit([auditRecord(ctx.principal, 'REGISTER_PARTNER', null, { partner: input.code, rights: row.rights, kids: keys.map((k) => k.kid) })], tx);
    return row;
  });
}

export async function rotatePartnerKeys(ctx: InteropContext, code: string, value: unknown, retireAfter?: string | null): Promise<PartnerRow> {
  const keys = keysOf(value, 'keys');
  const now = ctx.clock();
  const retireAt = retireAfter ?? new Date(now.getTime() + 10 * 60_000).toISOString();
  if (Date.parse(retireAt) < now.getTime()) throw new BadUserInputError('retireAfter is in the past', { field: 'retireAfter', reason: 'BAD_RETIREMENT' });
  return ctx.repo.transaction(async (tx) => {
    const row = await ctx.repo.partners.rotateKeys(code, { keys }, keys.map((k) => ({ kid: k.kid, jwk: k })), retireAt, tx);
    if (!row) throw new NotFoundError(`no partner ${code}`, { reason: 'UNKNOWN_PARTNER' });
    await ctx.repo.partners.notifyGateways(code, tx);
    await ctx.repo.audit([auditRecord(ctx.principal, 'ROTATE_PARTNER_KEYS', null, { partner: code, kids: keys.map((k) => k.kid), retireAt })], tx);
    return row;
  });
}

/** Takes effect at once: every gateway drops its cached trust when this commits (401 PARTNER_SUSPENDED). */
export async function setPartnerStatus(ctx: InteropContext, code: string, status: 'ACTIVE' | 'SUSPENDED'): Promise<PartnerRow> {
  return ctx.repo.transaction(async (tx) => {
    const row = await ctx.repo.partners.setStatus(code, status, tx);
    if (!row) throw new NotFoundError(`no partner ${code}`, { reason: 'UNKNOWN_PARTNER' });
    await ctx.repo.partners.notifyGateways(code, tx);
    await ctx.repo.audit([auditRecord(ctx.principal, status === 'SUSPENDED' ? 'SUSPEND_PARTNER' : 'REINSTATE_PARTNER', null, { partner: code })], tx);
    return row;
  });
}

/**
 * The calling partner, re-checked in interop's own records on every call (the gateway's view may be
 * seconds old): a suspended or unknown partner is refused as unauthenticated, a missing right as
 * forbidden by the SDL's scopes.
 */
export async function callingPartner(ctx: InteropContext): Promise<PartnerRow> {
  const partner = await ctx.loaders.partner.load(ctx.principal.subject);
  if (!partner || partner.status !== 'ACTIVE') throw new UnauthenticatedError('This partner is not active', { reason: 'PARTNER_INACTIVE' });
  return partner;
}

/** A verifier over the keys a partner has registered that are still valid at `at` (retiring ones included). */
export async function partnerKeySet(ctx: InteropContext, code: string, at: Date): Promise<ReturnType<typeof keySetOf>> {
  return keySetOf((await ctx.repo.partners.keysValidAt([code], at)).map((k) => k.jwk));
}
