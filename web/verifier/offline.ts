/**
 * Verifying a code with the network off (SPEC §4), the checks `verifyCode` makes on the server, in
 * the browser with WebCrypto (Ed25519): the signature against the cached JWKS, the issuer, the
 * expiry with an allowance for the phone's clock, and a paper code's revocation against the cached
 * list of its key. The colour is the one the token was signed with: the page says so.
 */

export type Color = 'GREEN' | 'YELLOW' | 'RED';

/** What the page keeps to verify offline: the keys, each key's revoked paper codes, and when they were fetched. */
export interface KeyCache {
  keys: JsonWebKey[];
  /** Revocation ids per `kid`. */
  revoked: Record<string, string[]>;
  /** Epoch ms of the fetch (the phone's clock). */
  fetchedAt: number;
}

export interface OfflineVerdict {
  pass: boolean;
  /** As `verifyCode` names it: `RED`, `YELLOW`, `FEVER`, `EXPIRED`, `BAD_SIGNATURE`, `UNKNOWN_KEY`, `MALFORMED`, `WRONG_ISSUER`, `REVOKED`; `STALE_KEYS` when the cache is too old to trust. */
  reason: string | null;
  color: Color | null;
  paper: boolean;
}

/** The same allowance the server makes for a queued scan's token (TOKEN_EXPIRY_SKEW_S). */
export const CLOCK_SKEW_S = 60;
/** Green passes below this temperature (SPEC §3); the server's rule set decides online. */
export const FEVER_THRESHOLD = 37.3;
const TOKEN_TYPE = 'hc+jwt';

const refuse = (reason: string, paper = false): OfflineVerdict => ({ pass: false, reason, color: null, paper });

function fromB64url(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function jsonPart(s: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(new TextDecoder().decode(fromB64url(s)));
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Whether the cache is too old to verify with, at `now`. */
export function cacheTooOld(cache: KeyCache | null, now: number, maxAgeMs: number): boolean {
  return !cache || now - cache.fetchedAt > maxAgeMs || cache.fetchedAt - now > CLOCK_SKEW_S * 1000;
}

export async function verifyOffline(
  token: string,
  cache: KeyCache | null,
  opts: { issuer: string; now: number; maxAgeMs: number; temperature: number | null },
): Promise<OfflineVerdict> {
  if (cacheTooOld(cache, opts.now, opts.maxAgeMs)) return refuse('STALE_KEYS');
  const parts = token.trim().split('.');
  if (parts.length !== 3) return refuse('MALFORMED');
  const [h, p, s] = parts as [string, string, string];
  const header = jsonPart(h);
  const claims = jsonPart(p);
  if (!header || !claims || header.alg !== 'EdDSA' || header.typ !== TOKEN_TYPE) return refuse('MALFORMED');
  const jwk = cache!.keys.find((k) => (k as { kid?: string }).kid === header.kid);
  if (!jwk || typeof header.kid !== 'string') return refuse('UNKNOWN_KEY');
  let ok: boolean;
  try {
    const key = await crypto.subtle.importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, { name: 'Ed25519' }, false, ['verify']);
    ok = await crypto.subtle.verify({ name: 'Ed25519' }, key, fromB64url(s), new TextEncoder().encode(`${h}.${p}`));
  } catch {
    return refuse('BAD_SIGNATURE');
  }
  if (!ok) return refuse('BAD_SIGNATURE');
  const paper = claims.paper === true;
  if (claims.iss !== opts.issuer) return refuse('WRONG_ISSUER', paper);
  if (typeof claims.exp !== 'number' || opts.now > (claims.exp + CLOCK_SKEW_S) * 1000) return refuse('EXPIRED', paper);
  if (paper && (typeof claims.rid !== 'string' || (cache!.revoked[header.kid] ?? []).includes(claims.rid))) return refuse('REVOKED', paper);
  const color = (['GREEN', 'YELLOW', 'RED'] as const).find((c) => c === claims.color) ?? null;
  if (!color) return refuse('MALFORMED', paper);
  const fever = opts.temperature !== null && opts.temperature >= FEVER_THRESHOLD;
  const pass = color === 'GREEN' && !fever;
  return { pass, reason: pass ? null : fever ? 'FEVER' : color, color, paper };
}

/** The group's line, "4 人 · 3 绿 1 黄": people, then each colour present, then unreadable codes. */
export function groupSummary(
  counts: { people: number; green: number; yellow: number; red: number; unreadable: number },
  lang: 'zh' | 'en',
): string {
  const words = lang === 'zh' ? { people: ' 人', green: ' 绿', yellow: ' 黄', red: ' 红', unreadable: ' 无效' } : { people: ' people', green: ' green', yellow: ' yellow', red: ' red', unreadable: ' invalid' };
  const parts = (['green', 'yellow', 'red', 'unreadable'] as const).filter((k) => counts[k] > 0).map((k) => `${counts[k]}${words[k]}`);
  return `${counts.people}${words.people}${parts.length ? ` · ${parts.join(' ')}` : ''}`;
}

/** Counts local verdicts the way the server counts a road check. */
export function countVerdicts(verdicts: readonly Pick<OfflineVerdict, 'color'>[]) {
  const n = (c: Color) => verdicts.filter((v) => v.color === c).length;
  return { people: verdicts.length, green: n('GREEN'), yellow: n('YELLOW'), red: n('RED'), unreadable: verdicts.filter((v) => v.color === null).length };
}
