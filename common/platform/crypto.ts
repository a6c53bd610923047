import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Personal identifiers at rest: AES-256-GCM for the value (random 96-bit IV, 128-bit tag) and a
 * keyed HMAC-SHA-256 "blind index" for equality look-ups, so the clear number is never in an index,
 * a log or an event.
 */
const VERSION = 'v1';

export function encrypt(key: Buffer, plaintext: string, aad = ''): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  if (aad) cipher.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`;
}

export function decrypt(key: Buffer, sealed: string, aad = ''): string {
  const [version, body] = sealed.split('.', 2);
  if (version !== VERSION || !body) throw new Error('unknown ciphertext format');
  const raw = Buffer.from(body, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  if (aad) decipher.setAAD(Buffer.from(aad));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** The look-up key for a document: equal documents give equal indexes, nothing else is revealed. */
export function documentIndex(key: Buffer, documentType: string, normalizedNumber: string): string {
  return createHmac('sha256', key).update(`${documentType}:${normalizedNumber}`).digest('base64url');
}
