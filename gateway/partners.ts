import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWK } from 'jose';
import { LRUCache } from 'lru-cache';
import { UnauthenticatedError } from '../common/platform/errors.js';
import { keySetOf } from '../common/platform/keys.js';
import type { Principal } from '../common/domain/principal.js';
import type { BearerAuthenticator } from './authenticate.js';
import type { GatewayRepository } from './db/repository.js';
import type { InternalClient } from './internal-client.js';

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
const REFRESH_MS = 5_000;
/** A partner code as interop registers it, and a key id as interop accepts it. */
const PARTNER_CODE = /^[A-Za-z0-9_-]{2,32}$/;
const KEY_ID = /^[\w.:-]{1,128}$/;

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
 * and a `jti` never seen before. Trust (keys, status, rights) comes from interop, cached briefly and
 * dropped at once when interop signals a suspension, reinstatement or rotation (NOTIFY, see
 * gateway/credential-caches.ts); an unknown `kid` refreshes it too, so a rotation is picked up on the partner's
 * first new token even without the signal.
 */
export class PartnerTokenAuthenticator implements BearerAuthenticator {
  private readonly cache = new LRUCache<string, { trust: PartnerTrust | null }>({ max: 1000, ttl: 10_000 });
  /**
   * Issuers interop does not know, remembered for a minute (bounded): a flood of tokens naming one
   * costs one call to interop, and the address guard turns away a client that keeps inventing new ones.
   */
  private readonly unknown = new LRUCache<string, true>({ max: 10_000, ttl: 60_000 });
  /** Unknown kids a partner's trust was just re-read for: replaying one is not a call each time. */
  private readonly refreshed = new LRUCache<string, true>({ max: 10_000, ttl: REFRESH_MS });
  private calls = 0;

  constructor(
    private readonly repo: GatewayRepository,
    private readonly interop: InternalClient,
    private readonly provinceCode: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async authenticate(token: string): Promise<Principal> {
    let iss: unknown;
    let kid: unknown;
    let jti: unknown;
    try {
      ({ iss, jti } = decodeJwt(token));
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw new UnauthenticatedError('The bearer token is not a JWT', { reason: 'MALFORMED_TOKEN' });
    }
    // Checked before anything is looked up: a partner code, a key id and a token id are short plain strings.
    if (typeof iss !== 'string' || !PARTNER_CODE.test(iss)) throw new UnauthenticatedError('iss must be a partner code (2-32 of A-Z a-z 0-9 _ -)', { reason: 'MALFORMED_TOKEN' });
    if (typeof kid !== 'string' || !KEY_ID.test(kid)) throw new UnauthenticatedError('The kid header must be 1-128 of A-Z a-z 0-9 _ . : -', { reason: 'MALFORMED_TOKEN' });
    if (typeof jti !== 'string' || !jti.length || jti.length > 128) throw new UnauthenticatedError('jti must be a string of 1-128 characters', { reason: 'MALFORMED_TOKEN' });
    if (this.unknown.has(iss)) throw new UnauthenticatedError('Unknown partner', { reason: 'UNKNOWN_PARTNER' });
    let trust = await this.trust(iss, false);
    // An unknown kid may be a fresh rotation: look again, at most once per REFRESH_MS for that kid.
    if (trust && !trust.keys.some((k) => k.kid === kid) && !this.refreshed.has(`${iss}\n${kid}`)) {
      this.refreshed.set(`${iss}\n${kid}`, true);
      trust = await this.trust(iss, true);
    }
    if (!trust) {
      this.unknown.set(iss, true);
      throw new UnauthenticatedError('Unknown partner', { reason: 'UNKNOWN_PARTNER' });
    }
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
    if (!(await this.repo.claimJti(iss, jti, new Date(claims.exp! * 1000)))) {
      throw new UnauthenticatedError('This token was used already', { reason: 'REPLAYED_TOKEN' });
    }
    if (++this.calls % 1000 === 0) void this.repo.forgetExpiredJtis(new Date(now.getTime() - 60_000)).catch(() => undefined);
    return { kind: 'province', subject: iss, scopes: trust.rights.map((r) => `interop:${r}`), credentialId: jti };
  }

  /** Forgets every partner's trust: the next token of each is checked against interop's records. */
  forget(): void {
    this.cache.clear();
    this.unknown.clear();
    this.refreshed.clear();
  }

  private async trust(code: string, refresh: boolean): Promise<PartnerTrust | null> {
    const hit = refresh ? undefined : this.cache.get(code);
    if (hit) return hit.trust;
    const res = await this.interop.get(`/internal/partners/${encodeURIComponent(code)}`);
    if (res.status !== 200 && res.status !== 404) throw new Error(`interop answered ${res.status} for partner trust`);
    const trust = res.status === 404 ? null : ((await res.json()) as PartnerTrust);
    this.cache.set(code, { trust });
    return trust;
  }
}
