import { hkdfSync } from 'node:crypto';
import { decrypt, encrypt } from '../platform/crypto.js';

/**
 * The pseudonym a checkpoint sees for the holder of a scanned code (`CodeHolder.id`): the person id
 * sealed with AES-256-GCM under a fresh IV, so every scan answers a different id and a phone code
 * and a paper code of one person cannot be linked through it. Only identity opens it, to show the
 * masked name. The key is derived from the document index key, which both subgraphs hold.
 */
const AAD = 'CODE_HOLDER';

// Derived once per index key, not per scan: HKDF was 1.4% of health-status's CPU under W1.
const derived = new WeakMap<Buffer, Buffer>();

function holderKey(indexKey: Buffer): Buffer {
  let key = derived.get(indexKey);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', indexKey, Buffer.alloc(0), 'hcg:code-holder:v1', 32));
    derived.set(indexKey, key);
  }
  return key;
}

export function sealCodeHolder(indexKey: Buffer, personId: string): string {
  return encrypt(holderKey(indexKey), personId, AAD);
}

/** The person behind a pseudonym, or null for anything this graph did not seal. */
export function openCodeHolder(indexKey: Buffer, pseudonym: string): string | null {
  try {
    return decrypt(holderKey(indexKey), pseudonym, AAD);
  } catch {
    return null;
  }
}
