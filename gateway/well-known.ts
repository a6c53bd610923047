import type { FastifyInstance } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { KeyRing } from '../common/platform/keys.js';

/**
 * Public keys for offline verification of code tokens and attestations (SPEC §4), and beside them the
 * revocation list per key: health-status keeps the lists, the gateway publishes them (cached 30 s).
 */
export function registerWellKnown(app: FastifyInstance, keys: KeyRing, healthStatusUrl: string): void {
  app.get('/.well-known/jwks.json', async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return keys.publicJwks;
  });
  const revocations = new LRUCache<string, { body: unknown }>({ max: 100, ttl: 30_000 });
  app.get<{ Params: { kid: string } }>('/.well-known/revocations/:kid.json', async (req, reply) => {
    const { kid } = req.params;
    if (!/^[\w-]{8,128}$/.test(kid)) return reply.code(404).send({ error: 'unknown key' });
    let hit = revocations.get(kid);
    if (!hit) {
      const res = await fetch(new URL(`/revocations/${kid}.json`, healthStatusUrl), { signal: AbortSignal.timeout(3000) });
      if (!res.ok) return reply.code(502).send({ error: 'revocation list unavailable' });
      hit = { body: await res.json() };
      revocations.set(kid, hit);
    }
    reply.header('cache-control', 'public, max-age=30');
    return hit.body;
  });
}
