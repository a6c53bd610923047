import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { z } from 'zod';
import { UnauthenticatedError } from './errors.js';

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
});
export type Principal = z.infer<typeof principalSchema>;

/** The scope a GRID_VISIT checkpoint's key carries: grid workers may find a person by document and name. */
export const GRID_VISIT_SCOPE = 'grid-visit';

export const PRINCIPAL_HEADER = 'x-hcg-principal';
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

export async function signPrincipal(principal: Principal, secret: string): Promise<string> {
  return new SignJWT({ p: principal })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${TTL_SECONDS}s`)
    .sign(keyOf(secret));
}

export async function verifyPrincipal(token: string | undefined, secret: string): Promise<Principal> {
  if (!token) throw new UnauthenticatedError('Requests must come through the gateway');
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
