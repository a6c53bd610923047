import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWK } from 'jose';
import { LRUCache } from 'lru-cache';
import { UnauthenticatedError } from '../common/errors.js';
import { keySetOf } from '../common/keys.js';
import { PRINCIPAL_HEADER, signPrincipal, type Principal } from '../common/principal.js';
import type { BearerAuthenticator } from './authenticate.js';
import type { GatewayRepository } from './db/repository.js';

/** What the gateway needs to know of a partner to authenticate its token; interop owns it. */
export interface PartnerTrust {
  code: string;
  status: 'ACTIVE' | 'SUSPENDED';
  rights: string[];
  keys: JWK[];
}

/** Partner tokens live at most this long: a captured one is useless soon after. */
const MAX_LIFETIME_SECONDS = 300;
const SKEW_SECONDS = 5;

function refusal(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'TOKEN_EXPIRED';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'BAD_SIGNATURE';
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'UNKNOWN_KEY';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return err.claim === 'aud' ? 'WRONG_AUDIENCE' : `BAD_CLAIM_${err.claim.toUpperCase()}`;
  return 'MALFORMED_TOKEN';
}

/**
 * Authenticates other provinces: a short-lived JWT (ES256 or EdDSA) signed with one of the partner's
 * registered keys, `iss` = partner code, `aud` = our province code, `exp` at most 5 minutes ahead,
 * and a `jti` never seen before. Trust (keys, status, rights) comes from interop, cached briefly;
 * an unknown `kid` refreshes it at once, so a rotation is picked up on the partner's first new token.
 */
export class PartnerTokenAuthenticator implements BearerAuthenticator {
  private readonly cache = new LRUCache<string, { trust: PartnerTrust | null }>({ max: 1000, ttl: 10_000 });
  private calls = 0;

  constructor(
    private readonly repo: GatewayRepository,
    private readonly interopUrl: string,
    private readonly gatewaySecret: string,
    private readonly provinceCode: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async authenticate(token: string): Promise<Principal> {
    let iss: unknown;
    let kid: string | undefined;
    try {
      iss = decodeJwt(token).iss;
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw new UnauthenticatedError('The bearer token is not a JWT', { reason: 'MALFORMED_TOKEN' });
    }
    if (typeof iss !== 'string' || !kid) throw new UnauthenticatedError('A partner token needs iss and a kid header', { reason: 'MALFORMED_TOKEN' });
    let trust = await this.trust(iss, false);
    if (trust && !trust.keys.some((k) => k.kid === kid)) trust = await this.trust(iss, true);
    if (!trust) throw new UnauthenticatedError('Unknown partner', { reason: 'UNKNOWN_PARTNER' });
    if (trust.status !== 'ACTIVE') throw new UnauthenticatedError('This partner is suspended', { reason: 'PARTNER_SUSPENDED' });

    const now = this.clock();
    let claims;
    try {
      ({ payload: claims } = await jwtVerify(token, keySetOf(trust.keys), {
        issuer: iss,
        audience: this.provinceCode,
        algorithms: ['ES256', 'EdDSA'],
        requiredClaims: ['exp', 'iat', 'jti'],
        currentDate: now,
        clockTolerance: SKEW_SECONDS,
      }));
    } catch (err) {
      throw new UnauthenticatedError('The partner token does not verify', { reason: refusal(err) });
    }
    if (claims.exp! - now.getTime() / 1000 > MAX_LIFETIME_SECONDS + SKEW_SECONDS) {
      throw new UnauthenticatedError(`A partner token may live at most ${MAX_LIFETIME_SECONDS} s`, { reason: 'TOKEN_TOO_LONG' });
    }
    const jti = String(claims.jti);
    if (jti.length > 128) throw new UnauthenticatedError('jti is too long', { reason: 'MALFORMED_TOKEN' });
    if (!(await this.repo.claimJti(iss, jti, new Date(claims.exp! * 1000)))) {
      throw new UnauthenticatedError('This token was used already', { reason: 'REPLAYED_TOKEN' });
    }
    if (++this.calls % 1000 === 0) void this.repo.forgetExpiredJtis(new Date(now.getTime() - 60_000)).catch(() => undefined);
    return { kind: 'province', subject: iss, scopes: trust.rights.map((r) => `interop:${r}`), credentialId: jti };
  }

  private async trust(code: string, refresh: boolean): Promise<PartnerTrust | null> {
    const hit = refresh ? undefined : this.cache.get(code);
    if (hit) return hit.trust;
    const header = await signPrincipal({ kind: 'admin', subject: 'gateway', scopes: [] }, this.gatewaySecret);
    const res = await fetch(new URL(`/internal/partners/${encodeURIComponent(code)}`, this.interopUrl), {
      headers: { [PRINCIPAL_HEADER]: header },
      signal: AbortSignal.timeout(3000),
    });
    if (res.status !== 200 && res.status !== 404) throw new Error(`interop answered ${res.status} for partner trust`);
    const trust = res.status === 404 ? null : ((await res.json()) as PartnerTrust);
    this.cache.set(code, { trust });
    return trust;
  }
}
