import { createLocalJWKSet, errors as joseErrors, importJWK, jwtVerify, SignJWT, type CryptoKey, type JWK, type JWTPayload, type JWTVerifyResult } from 'jose';

/**
 * Our signing keys (Ed25519): the newest signs, all verify. Checkpoints and partner provinces verify
 * offline with the public half, published by the gateway at `/.well-known/jwks.json`.
 */
export class KeyRing {
  private readonly verifier: ReturnType<typeof createLocalJWKSet>;


  private constructor(
    private readonly signing: { kid: string; key: CryptoKey | Uint8Array },
    readonly publicJwks: { keys: JWK[] },
  ) {
    this.verifier = createLocalJWKSet(publicJwks);
  }

  static async from(privateJwks: Record<string, unknown>[]): Promise<KeyRing> {
    if (!privateJwks.length) throw new Error('no signing key configured');
    const publicKeys = privateJwks.map((k) => {
      const { d: _d, ...pub } = k as JWK;
      return { ...pub, alg: 'EdDSA', use: 'sig' } as JWK;
    });
    const newest = privateJwks.at(-1) as JWK;
    return new KeyRing({ kid: newest.kid!, key: await importJWK(newest, 'EdDSA') }, { keys: publicKeys });
  }

  get kid(): string {
    return this.signing.kid;
  }

  /** Signs claims as a compact JWS with the newest key; answers the token and when it expires. */
  async sign(claims: JWTPayload, opts: { issuer: string; ttlSeconds: number; typ: string; audience?: string; now?: Date }): Promise<{ token: string; expiresAt: Date }> {
    const iat = Math.floor((opts.now ?? new Date()).getTime() / 1000);
    const exp = iat + opts.ttlSeconds;
    let jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', kid: this.signing.kid, typ: opts.typ })
      .setIssuer(opts.issuer)
      .setIssuedAt(iat)
      .setExpirationTime(exp);
    if (opts.audience) jwt = jwt.setAudience(opts.audience);
    return { token: await jwt.sign(this.signing.key), expiresAt: new Date(exp * 1000) };
  }

  /** Verifies a token against every published key (the same check an offline verifier makes). */
  verify(token: string, opts: { issuer: string; typ?: string; audience?: string; currentDate?: Date; clockTolerance?: number }): Promise<JWTVerifyResult> {
    return jwtVerify(token, this.verifier, { algorithms: ['EdDSA'], ...opts });
  }
}

/** The algorithm a partner's public key verifies with: ES256 for EC P-256, EdDSA for Ed25519. */
export function algorithmOf(jwk: { kty?: unknown }): 'ES256' | 'EdDSA' {
  return jwk.kty === 'EC' ? 'ES256' : 'EdDSA';
}

/** A verifier over public JWKs that may not name their `alg` (partners' keys as registered). */
export function keySetOf(jwks: readonly JWK[]): ReturnType<typeof createLocalJWKSet> {
  return createLocalJWKSet({ keys: jwks.map((k) => ({ ...k, alg: algorithmOf(k) })) });
}

/** Why a code token failed to verify, as the stable code a checkpoint shows. */
export function tokenProblem(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'EXPIRED';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'BAD_SIGNATURE';
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'UNKNOWN_KEY';
  if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'iss') return 'WRONG_ISSUER';
  return 'MALFORMED';
}
