import { describe, expect, it } from 'vitest';
import type { Principal } from '../../common/domain/principal.js';
import type { SessionRepository } from './repository.js';
import { BrowserSessions, SESSION_TTL_MS, VERIFIER_SESSION_TTL_MS } from './service.js';

/** Sessions in memory: what BrowserSessions asks of its repository when opening and checking one. */
function memoryRepo() {
  const rows = new Map<string, { idHash: string; csrf: string; expiresAt: string; endedAt: string | null; principal: Principal; keyHash: string }>();
  const repo = {
    openSession: async (principal: Principal, keyHash: string, _now: string, s: { idHash: string; csrf: string; expiresAt: string }) => {
      rows.set(s.idHash, { ...s, endedAt: null, principal, keyHash });
    },
    session: async (idHash: string) => rows.get(idHash),
    extend: async (idHash: string, expiresAt: string) => {
      rows.get(idHash)!.expiresAt = expiresAt;
    },
    end: async (idHash: string, now: string) => {
      rows.get(idHash)!.endedAt = now;
    },
  };
  return repo as unknown as SessionRepository;
}

describe(BrowserSessions.name, () => {
  const keys = { principalForHash: async () => ({ kind: 'checkpoint', subject: 'x', scopes: [] }) as Principal };

  it.each<[string, Principal, number]>([
    ['a checkpoint officer (verifier)', { kind: 'checkpoint', subject: '01900000-0000-7000-8000-000000000001', scopes: [] }, VERIFIER_SESSION_TTL_MS],
    ['a dashboard official', { kind: 'dashboard', subject: 'dash', scopes: [] }, SESSION_TTL_MS],
  ])('keeps %s signed in while idle for its own time, and not a second longer', async (_who, principal, ttl) => {
    let now = Date.parse('2026-11-27T01:30:00Z');
    const sessions = new BrowserSessions(memoryRepo(), keys, () => new Date(now));
    const opened = await sessions.open(principal, 'key-hash');
    now += ttl - 1000;
    await expect(sessions.principalFor(opened.id, opened.csrf)).resolves.toMatchObject({ kind: principal.kind });
    // That request pushed it back: idle from here for the full time again.
    now += ttl + 1000;
    await expect(sessions.principalFor(opened.id, opened.csrf)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED', reason: 'SESSION_EXPIRED' } });
  });
});
