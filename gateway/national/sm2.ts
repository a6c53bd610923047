import { isSm2Key } from '../../common/platform/config.js';
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** The response headers of a signed answer. */
export const SIGNATURE_HEADER = 'x-gbt38963-signature';
export const KEY_ID_HEADER = 'x-gbt38963-key-id';
export const SIGNATURE_ALGORITHM = 'SM2-SM3';

/**
 * Signs the GB/T 38963 interface's responses with SM2 over SM3 (GB/T 32918, GB/T 32905), as the
 * national platform's own messages are: node:crypto (OpenSSL 3) provides both. The signature is DER
 * (r, s), base64, over the exact bytes of the response body; the key id is the first 16 hex digits of
 * the SHA-256 of the public key's SPKI DER, so a verifier picks the right key across a rotation.
 */
export class Sm2Signer {
  readonly publicKey: KeyObject;
  readonly keyId: string;
  private readonly privateKey: KeyObject;

  constructor(privateKeyPem: string) {
    this.privateKey = createPrivateKey(privateKeyPem);
    if (!isSm2Key(this.privateKey)) throw new Error('not an SM2 key');
    this.publicKey = createPublicKey(this.privateKey);
    this.keyId = createHash('sha256').update(this.publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
  }

  sign(body: string | Buffer): string {
    return sign('sm3', Buffer.from(body), this.privateKey).toString('base64');
  }

  /** What `GET /gbt38963/v1/public-key` publishes. */
  published(): { alg: string; keyId: string; publicKey: string } {
    return { alg: SIGNATURE_ALGORITHM, keyId: this.keyId, publicKey: this.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  }
}

/** A verifier's check, with nothing but the published PEM: what the example client and the tests do. */
export function verifySm2(body: string | Buffer, signatureBase64: string, publicKeyPem: string): boolean {
  return verify('sm3', Buffer.from(body), createPublicKey(publicKeyPem), Buffer.from(signatureBase64, 'base64'));
}
