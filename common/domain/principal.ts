import { createHmac } from 'node:crypto';
import { jwtVerify, errors as joseErrors } from 'jose';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { UnauthenticatedError } from '../platform/errors.js';

/**
 * Who is calling. The gateway authenticates every request and forwards the principal to subgraphs as
 * a short-lived HS256 JWT in `x-hcg-principal`, signed with the secret they share. A subgraph trusts
 * nothing else: a request without a valid signature is UNAUTHENTICATED.
 */
export const PRINCIPAL_KINDS = ['channel', 'checkpoint', 'authority', 'dashboard', 'province', 'admin', 'employer', 'hotline'] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

export const principalSchema = z.object({
  kind: z.enum(PRINCIPAL_KINDS),
  /** Channel code, checkpoint id, staff id, partner code, operator id or an employer's credit code, depending on `kind`. */
  subject: z.string().min(1).max(128),
  /** For a channel: the channel's own id of its signed-in user (e.g. a WeChat openid). */
  channelUser: z.string().min(1).max(128).optional(),
  /** Scopes checked against `@requiresScopes`; the kind itself is always one of them. */
  scopes: z.array(z.string()).default([]),
  /** The credential that authenticated the request (API key id or JWT `jti`), for the audit log. */
  credentialId: z.string().optional(),
  /** The client's GraphQL operation name, for the audit log's "why"; set by the gateway per request. */
  operation: z.string().max(100).optional(),
});
export type Principal = z.infer<typeof principalSchema>;

/** The scope a GRID_VISIT checkpoint's key carries: grid workers may find a person by document and name. */
export const GRID_VISIT_SCOPE = 'grid-visit';

export const PRINCIPAL_HEADER = 'x-hcg-principal';

/** The principal with the client's operation name, when it gave a usable one (a name, not a document). */
export function withOperation(principal: Principal, operationName: unknown): Principal {
  return typeof operationName === 'string' && /^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(operationName) ? { ...principal, operation: operationName } : principal;
}
const ISSUER = 'healthcode-graph/gateway';
const AUDIENCE = 'healthcode-graph/subgraphs';
/** Long enough for a slow query plan to finish, short enough that a captured header is useless. */
const TTL_SECONDS = 60;

const keyCache = new Map<string, Uint8Array>();
function keyOf(secret: string): Uint8Array {
  let k = keyCache.get(secret);
  if (!k) {
    k = new TextEncoder().encode(secret);
    keyCache.set(secret, k);
  }
  return k;
}

const HEADER_B64 = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');

/**
 * The principal as a standard compact JWS (HS256), signed synchronously with node:crypto's HMAC:
 * the same bytes jose would produce, so any JWT library verifies it, without WebCrypto's promise
 * round trip on every request. `now` is in seconds since the epoch (tests move it).
 */
export function signPrincipalSync(principal: Principal, secret: string, now = Math.floor(Date.now() / 1000)): string {
  const payload = Buffer.from(JSON.stringify({ p: principal, iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + TTL_SECONDS })).toString('base64url');
  const input = `${HEADER_B64}.${payload}`;
  return `${input}.${createHmac('sha256', keyOf(secret)).update(input).digest('base64url')}`;
}

export async function signPrincipal(principal: Principal, secret: string): Promise<string> {
  return signPrincipalSync(principal, secret);
}

/**
 * How long the gateway reuses one principal's header: half its lifetime, so that a header taken at
 * the end of that window still has 30 s for the slowest query plan (a mutation's deadline is 10 s).
 */
export const PRINCIPAL_REUSE_SECONDS = TTL_SECONDS / 2;

/**
 * The gateway's signed principal headers, one per principal while it is fresh enough: a busy
 * checkpoint or resident costs one HMAC per half-minute instead of one per request, and subgraphs see
 * the same header again (their verification cache hits). Bounded: the least recent principals go first.
 */
export class PrincipalTokens {
  private readonly cache: LRUCache<string, { token: string; until: number }>;

  constructor(
    private readonly secret: string,
    private readonly clock: () => number = () => Date.now(),
    max = 10_000,
  ) {
    this.cache = new LRUCache({ max });
  }

  token(principal: Principal): string {
    // Every field that the header carries is in the key: two principals never share a header.
    const key = `${principal.kind}\u0000${principal.subject}\u0000${principal.channelUser ?? ''}\u0000${principal.credentialId ?? ''}\u0000${principal.scopes.join(' ')}\u0000${principal.operation ?? ''}`;
    const now = this.clock();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.token;
    const token = signPrincipalSync(principal, this.secret, Math.floor(now / 1000));
    this.cache.set(key, { token, until: now + PRINCIPAL_REUSE_SECONDS * 1000 });
    return token;
  }
}

/**
 * Headers a subgraph has verified, until they expire: the gateway reuses one header per principal,
 * so a subgraph checks each signature once rather than on every request. Keyed by the whole token,
 * signature included, so a forged or altered header never matches an entry.
 */
const verified = new LRUCache<string, { principal: Principal; secret: string }>({ max: 10_000 });

export async function verifyPrincipal(token: string | undefined, secret: string): Promise<Principal> {
  if (!token) throw new UnauthenticatedError('Requests must come through the gateway');
  const hit = verified.get(token);
  if (hit && hit.secret === secret) return hit.principal;
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      clockTolerance: 5,
      // A principal header lives TTL_SECONDS: one without exp (or issued long ago) is no header of ours.
      requiredClaims: ['exp', 'iat'],
      maxTokenAge: TTL_SECONDS,
    });
    const parsed = principalSchema.safeParse(payload.p);
    if (!parsed.success) throw new UnauthenticatedError('Malformed principal');
    // Trusted until the earlier of its expiry and its maximum age, as jwtVerify would judge it then.
    const until = Math.min(payload.exp!, payload.iat! + TTL_SECONDS) * 1000;
    const ttl = until - Date.now();
    if (ttl > 0) verified.set(token, { principal: parsed.data, secret }, { ttl });
    return parsed.data;
  } catch (err) {
    if (err instanceof UnauthenticatedError) throw err;
    if (err instanceof joseErrors.JOSEError) {
      throw new UnauthenticatedError('Invalid gateway signature', { reason: err.code });
    }
    throw err;
  }
}

/** True when the principal holds every scope of at least one of the alternatives (`[[a, b], [c]]`). */
export function hasScopes(principal: Pick<Principal, 'kind' | 'scopes'>, alternatives: readonly (readonly string[])[]): boolean {
  return alternatives.some((all) => all.every((s) => s === principal.kind || principal.scopes.includes(s)));
}
