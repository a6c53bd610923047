/** A partner key we accept: a public ES256 (P-256) or EdDSA (Ed25519) JWK with a `kid`. */
export interface PublicJwk {
  kid: string;
  kty: 'EC' | 'OKP';
  crv: 'P-256' | 'Ed25519';
  [member: string]: unknown;
}

export type JwksResult = { ok: true; keys: PublicJwk[] } | { ok: false; reason: string; message: string };

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

/**
 * Checks a partner's JWKS before it is trusted: only public ES256/EdDSA keys, each with a distinct
 * `kid`, at most 10 of them. A private member anywhere means the partner leaked its key to us.
 */
export function validatePartnerJwks(value: unknown): JwksResult {
  const keys = (value as { keys?: unknown })?.keys;
  if (!Array.isArray(keys) || keys.length < 1 || keys.length > 10) {
    return { ok: false, reason: 'BAD_JWKS', message: 'keys must be a JWKS: {"keys": [1 to 10 JWKs]}' };
  }
  const seen = new Set<string>();
  for (const [i, k] of keys.entries()) {
    if (!k || typeof k !== 'object') return { ok: false, reason: 'BAD_JWK', message: `key ${i} is not a JWK` };
    const jwk = k as Record<string, unknown>;
    if (PRIVATE_MEMBERS.some((m) => m in jwk)) return { ok: false, reason: 'PRIVATE_KEY', message: `key ${i} contains private key material; send public keys only` };
    const ec = jwk.kty === 'EC' && jwk.crv === 'P-256' && typeof jwk.x === 'string' && typeof jwk.y === 'string';
    const okp = jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string';
    if (!ec && !okp) return { ok: false, reason: 'UNSUPPORTED_KEY', message: `key ${i} must be ES256 (EC P-256) or EdDSA (OKP Ed25519)` };
    if (typeof jwk.kid !== 'string' || !/^[\w.:-]{1,128}$/.test(jwk.kid)) return { ok: false, reason: 'BAD_KID', message: `key ${i} needs a kid (1-128 of A-Z a-z 0-9 _ . : -)` };
    if (seen.has(jwk.kid)) return { ok: false, reason: 'DUPLICATE_KID', message: `kid ${jwk.kid} appears twice` };
    seen.add(jwk.kid);
  }
  return { ok: true, keys: keys as PublicJwk[] };
}

export { algorithmOf } from '../../../common/keys.js';
