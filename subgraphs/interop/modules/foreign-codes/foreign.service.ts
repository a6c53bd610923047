import { decodeJwt, errors as joseErrors, jwtVerify } from 'jose';
import { newId } from '../../../../common/platform/ids.js';
import { tokenProblem } from '../../../../common/platform/keys.js';
import type { InteropContext } from '../../context.js';
import type { Color } from '../../db/tables.js';
import { partnerKeySet } from '../partners/partners.service.js';

/** Partners' code tokens are typed as ours are (RFC 8725 §3.11): a traveller statement is not a code. */
export const FOREIGN_CODE_TYPE = 'hc+jwt';
/** The longest a code may live: a paper code (ours live at most 90 days); a 10-year token is not a code. */
export const MAX_FOREIGN_CODE_LIFETIME_SECONDS = 90 * 24 * 3600;

export interface ForeignResult {
  valid: boolean;
  reason: string | null;
  issuer: string | null;
  color: Color | null;
  expiresAt: string | null;
  pass: boolean;
  checkedAt: string;
}

/**
 * A partner province's code token at one of our checkpoints: verified offline against the keys the
 * partner registered with us (its issuer claim says which partner), and recorded like our own scans.
 */
export async function verifyForeignCode(ctx: InteropContext, token: string): Promise<ForeignResult> {
  const now = ctx.clock();
  const checkedAt = now.toISOString();
  const finish = async (r: Omit<ForeignResult, 'checkedAt' | 'pass'>): Promise<ForeignResult> => {
    const pass = r.valid && r.color === 'GREEN';
    await ctx.repo.foreignCodes.insertForeignScan({ id: newId(), checkpointId: ctx.principal.subject, issuer: r.issuer, at: checkedAt, color: r.color, valid: r.valid, pass, reason: r.reason });
    return { ...r, pass, checkedAt };
  };
  let issuer: string | null;
  try {
    const { iss } = decodeJwt(token);
    issuer = typeof iss === 'string' ? iss : null;
  } catch {
    return finish({ valid: false, reason: 'MALFORMED', issuer: null, color: null, expiresAt: null });
  }
  const partner = issuer ? await ctx.loaders.partner.load(issuer) : null;
  if (!partner) return finish({ valid: false, reason: 'UNKNOWN_ISSUER', issuer, color: null, expiresAt: null });
  if (partner.status !== 'ACTIVE') return finish({ valid: false, reason: 'SUSPENDED_ISSUER', issuer, color: null, expiresAt: null });
  const keys = await partnerKeySet(ctx, partner.code, now);
  try {
    const { payload } = await jwtVerify(token, keys, { issuer: partner.code, typ: FOREIGN_CODE_TYPE, algorithms: ['ES256', 'EdDSA'], currentDate: now, requiredClaims: ['exp', 'iat'] });
    if (payload.exp! - payload.iat! > MAX_FOREIGN_CODE_LIFETIME_SECONDS) return finish({ valid: false, reason: 'TOO_LONG_LIVED', issuer, color: null, expiresAt: null });
    const color = ['GREEN', 'YELLOW', 'RED'].includes(String(payload.color)) ? (payload.color as Color) : null;
    if (!color) return finish({ valid: false, reason: 'MALFORMED', issuer, color: null, expiresAt: null });
    return finish({ valid: true, reason: null, issuer, color, expiresAt: new Date(payload.exp! * 1000).toISOString() });
  } catch (err) {
    const wrongType = err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'typ';
    return finish({ valid: false, reason: wrongType ? 'WRONG_TYPE' : tokenProblem(err), issuer, color: null, expiresAt: null });
  }
}
