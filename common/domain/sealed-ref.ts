import { hkdfSync } from 'node:crypto';
import { decrypt, encrypt } from '../platform/crypto.js';
import type { Principal } from './principal.js';

/**
 * References to a person handed to a principal who must never learn the person id: an employer's
 * staff member, a hotline operator's caller, a grid worker's visited person. The person id is sealed
 * (AES-256-GCM, fresh IV) together with who it was handed to, why (a hotline ticket) and until when,
 * so another subgraph resolving the reference trusts the subgraph that checked the pairing, and a
 * reference kept by one principal, or kept too long, opens for nobody. The key is derived from the
 * document index key, which every subgraph reading persons holds.
 */
export type SealPurpose = 'STAFF' | 'STAFF_LIST' | 'HOTLINE_CALLER' | 'GRID_SUBJECT' | 'GRID_REQUEST';

export interface SealedRef {
  personId: string;
  /** The 12345 ticket the reference was made for. */
  ticket?: string;
  /** The guardianship request a grid worker was shown (the person is its member). */
  requestId?: string;
}

interface Payload {
  p: string;
  h: string;
  t?: string;
  r?: string;
  e: number;
}

const keys = new Map<string, Buffer>();
function keyFor(indexKey: Buffer, purpose: SealPurpose): Buffer {
  const id = `${indexKey.toString('base64')}:${purpose}`;
  let k = keys.get(id);
  if (!k) {
    k = Buffer.from(hkdfSync('sha256', indexKey, Buffer.alloc(0), `hcg:sealed-ref:v1:${purpose}`, 32));
    keys.set(id, k);
  }
  return k;
}

const holderOf = (p: Pick<Principal, 'kind' | 'subject'>) => `${p.kind}:${p.subject}`;

export function sealRef(indexKey: Buffer, purpose: SealPurpose, holder: Pick<Principal, 'kind' | 'subject'>, ref: SealedRef, expiresAt: Date): string {
  const payload: Payload = {
    p: ref.personId,
    h: holderOf(holder),
    e: Math.floor(expiresAt.getTime() / 1000),
    ...(ref.ticket ? { t: ref.ticket } : {}),
    ...(ref.requestId ? { r: ref.requestId } : {}),
  };
  return encrypt(keyFor(indexKey, purpose), JSON.stringify(payload), purpose);
}

/** The reference, when this graph sealed it for this purpose, for this principal, and it has not expired. */
export function openRef(indexKey: Buffer, purpose: SealPurpose, holder: Pick<Principal, 'kind' | 'subject'>, sealed: string, now: Date): SealedRef | null {
  let payload: Payload;
  try {
    payload = JSON.parse(decrypt(keyFor(indexKey, purpose), sealed, purpose)) as Payload;
  } catch {
    return null;
  }
  if (payload.h !== holderOf(holder) || payload.e * 1000 <= now.getTime()) return null;
  return { personId: payload.p, ...(payload.t ? { ticket: payload.t } : {}), ...(payload.r ? { requestId: payload.r } : {}) };
}

/** An employer's whole staff for one summary, sealed as one reference the counting subgraphs open. */
export function sealStaffList(indexKey: Buffer, holder: Pick<Principal, 'kind' | 'subject'>, personIds: readonly string[], expiresAt: Date): string {
  return sealRef(indexKey, 'STAFF_LIST', holder, { personId: personIds.join(',') }, expiresAt);
}

export function openStaffList(indexKey: Buffer, holder: Pick<Principal, 'kind' | 'subject'>, sealed: unknown, now: Date): string[] | null {
  const opened = typeof sealed === 'string' ? openRef(indexKey, 'STAFF_LIST', holder, sealed, now) : null;
  return opened ? opened.personId.split(',').filter(Boolean) : null;
}
