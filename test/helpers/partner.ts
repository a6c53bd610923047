import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { GqlResult, TestStack } from './stack.js';

/**
 * A simulated partner province: its own keys, its own short-lived JWTs, its own signed statements.
 * It talks to the graph only as a real partner would: over HTTP, through the gateway.
 */
export class SimulatedPartner {
  private constructor(
    readonly code: string,
    private key: { kid: string; privateKey: CryptoKey; publicJwk: JWK; alg: 'ES256' | 'EdDSA' },
  ) {}

  static async create(code: string, alg: 'ES256' | 'EdDSA' = 'ES256'): Promise<SimulatedPartner> {
    return new SimulatedPartner(code, await SimulatedPartner.newKey(code, alg));
  }

  static async newKey(code: string, alg: 'ES256' | 'EdDSA') {
    const { privateKey, publicKey } = await generateKeyPair(alg, alg === 'EdDSA' ? { crv: 'Ed25519' } : {});
    const kid = `${code}-${randomUUID().slice(0, 8)}`;
    return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid }, alg };
  }

  get jwks(): { keys: JWK[] } {
    return { keys: [this.key.publicJwk] };
  }

  /** Switches to a fresh key pair, keeping the old one to sign "in flight" statements. */
  async rotate(): Promise<{ kid: string; privateKey: CryptoKey; publicJwk: JWK; alg: 'ES256' | 'EdDSA' }> {
    const old = this.key;
    this.key = await SimulatedPartner.newKey(this.code, old.alg);
    return old;
  }

  async jwt(opts: { aud?: string; ttlSeconds?: number; jti?: unknown; iss?: string; kid?: string; iatOffset?: number; key?: SimulatedPartner['key'] } = {}): Promise<string> {
    const key = opts.key ?? this.key;
    const iat = Math.floor(Date.now() / 1000) + (opts.iatOffset ?? 0);
    // jti may be anything a hostile client would send (an object, say), so it goes in as a raw claim.
    return new SignJWT({ jti: (opts.jti ?? randomUUID()) as string })
      .setProtectedHeader({ alg: key.alg, kid: opts.kid ?? key.kid })
      .setIssuer(opts.iss ?? this.code)
      .setAudience(opts.aud ?? '450000')
      .setIssuedAt(iat)
      .setExpirationTime(iat + (opts.ttlSeconds ?? 120))
      .sign(key.privateKey);
  }

  /** The partner's signed statement about a traveller arriving from its province. */
  async traveller(doc: string, color: string, opts: { kind?: string; key?: SimulatedPartner['key']; jti?: string } = {}): Promise<string> {
    const key = opts.key ?? this.key;
    return new SignJWT({ doc: { type: 'RESIDENT_ID', number: doc }, color, asOf: new Date().toISOString(), ...(opts.kind ? { kind: opts.kind } : {}) })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'hc-traveller+jwt' })
      .setJti(opts.jti ?? randomUUID())
      .setIssuer(this.code)
      .setAudience('450000')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key.privateKey);
  }

  /** The partner's own health code token, as its residents show it at our checkpoints. */
  async codeToken(color: string, ttl = '5m'): Promise<string> {
    return new SignJWT({ color })
      .setProtectedHeader({ alg: this.key.alg, kid: this.key.kid, typ: 'hc+jwt' })
      .setIssuer(this.code)
      .setSubject(randomUUID())
      .setIssuedAt()
      .setExpirationTime(ttl)
      .sign(this.key.privateKey);
  }

  async call<T = Record<string, unknown>>(t: TestStack, query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>> {
    return t.gql<T>({ headers: { authorization: `Bearer ${token ?? (await this.jwt())}` } }, query, variables);
  }
}

export const REGISTER_PARTNER = 'mutation($input: RegisterPartnerInput!) { registerPartner(input: $input) { code status rights } }';
export const REQUEST_STATUS = 'mutation($input: RequestResidentStatusInput!) { requestResidentStatus(input: $input) { color asOf attestation expiresAt } }';
export const SEND_STATUS = 'mutation($input: SubmitTravellerStatusInput!) { submitTravellerStatus(input: $input) { requestId color outcome } }';
