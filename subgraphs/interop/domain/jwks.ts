import { createPublicKey } from 'node:crypto';

/** A partner key we accept: a public ES256 (P-256) or EdDSA (Ed25519) JWK with a `kid`. */
export interface PublicJwk {
  kid: string;
  kty: 'EC' | 'OKP';
  crv: 'P-256' | 'Ed25519';
  [member: string]: unknown;
}

export type JwksResult = { ok: true; keys: PublicJwk[] } | { ok: false; reason: string; message: string };

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];
/** A 32-byte coordinate in base64url: P-256's x and y, Ed25519's x. */
const COORDINATE = /^[A-Za-z0-9_-]{43}$/;
export const MAX_PARTNER_KEYS = 10;
/** The whole JWKS as JSON: ten keys with their kids fit in 2 KB; anything much larger is not a key set. */
export const MAX_JWKS_BYTES = 8 * 1024;

/**
 * Checks a partner's JWKS before it is trusted: only public ES256/EdDSA keys, each with a distinct
 * `kid`, at most MAX_PARTNER_KEYS of them, MAX_JWKS_BYTES in all; every coordinate exactly 32 bytes
 * and every P-256 point on the curve (node's key import checks it). A private member anywhere means
 * the partner leaked its key to us. What is kept is the key alone (`kty crv x y kid alg use`), so
 * nothing else a partner sends is stored or published in `trustList`.
 */
export function validatePartnerJwks(value: unknown): JwksResult {
  const keys = (value as { keys?: unknown })?.keys;
  if (!Array.isArray(keys) || keys.length < 1 || keys.length > MAX_PARTNER_KEYS) {
    return { ok: false, reason: 'BAD_JWKS', message: `keys must be a JWKS: {"keys": [1 to ${MAX_PARTNER_KEYS} JWKs]}` };
  }
  if (Buffer.byteLength(JSON.stringify(value)) > MAX_JWKS_BYTES) return { ok: false, reason: 'JWKS_TOO_LARGE', message: `a JWKS may be at most ${MAX_JWKS_BYTES} bytes` };
  const seen = new Set<string>();
  const out: PublicJwk[] = [];
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
    const key = ec ? { kty: 'EC', crv: 'P-256', x: jwk.x as string, y: jwk.y as string } : { kty: 'OKP', crv: 'Ed25519', x: jwk.x as string };
    if (!Object.entries(key).every(([m, v]) => (m === 'x' || m === 'y' ? COORDINATE.test(v) : true))) {
      return { ok: false, reason: 'BAD_KEY_SIZE', message: `key ${i}: x${ec ? ' and y' : ''} must be 32 bytes, base64url` };
    }
    try {
      createPublicKey({ key, format: 'jwk' });
    } catch {
      return { ok: false, reason: 'INVALID_KEY', message: `key ${i} is not a valid ${key.crv} public key (a point off the curve?)` };
    }
    const alg = ec ? 'ES256' : 'EdDSA';
    if (jwk.alg !== undefined && jwk.alg !== alg) return { ok: false, reason: 'UNSUPPORTED_KEY', message: `key ${i}: alg must be ${alg} for a ${key.crv} key` };
    if (jwk.use !== undefined && jwk.use !== 'sig') return { ok: false, reason: 'UNSUPPORTED_KEY', message: `key ${i}: use must be sig` };
    out.push({ ...key, kid: jwk.kid, ...(jwk.alg ? { alg } : {}), ...(jwk.use ? { use: 'sig' } : {}) } as PublicJwk);
  }
  return { ok: true, keys: out };
}

export { algorithmOf } from '../../../common/platform/keys.js';
