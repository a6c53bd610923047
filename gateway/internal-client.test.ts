import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubgraphCallConfig } from '../common/platform/config.js';
import { PRINCIPAL_HEADER, verifyPrincipal } from '../common/domain/principal.js';
import { IdentityChannelKeys } from './channel-keys.js';
import { BREAKER_POLICY, SubgraphClient } from './fetcher.js';
import { InternalClient } from './internal-client.js';

const SECRET = 's'.repeat(32);
const CONFIG: SubgraphCallConfig = { timeoutMs: 1000, mutationTimeoutMs: 1000, connectionsPerSubgraph: 2, breakerResetMs: 60_000 };

/** Identity's internal routes as the gateway sees them: 500 while `failing`, else a 404 for any key. */
let identity: Server;
let url = '';
let failing = false;
const seen: { method?: string; url?: string; headers: IncomingHttpHeaders }[] = [];
beforeAll(async () => {
  identity = createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, headers: req.headers });
    req.resume();
    if (failing) res.writeHead(500).end('boom');
    else res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"unknown key"}');
  });
  await new Promise<void>((r) => identity.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(identity.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  identity.closeAllConnections();
  await new Promise<void>((r) => identity.close(() => r()));
});

describe(InternalClient.name, () => {
  it("signs the gateway's own call as the gateway and sends it to the internal route", async () => {
    const client = new SubgraphClient('identity', url, CONFIG);
    try {
      const keys = new IdentityChannelKeys(new InternalClient(client, SECRET));
      expect(await keys.grant('abc')).toBeNull();
      const call = seen.at(-1)!;
      expect([call.method, call.url]).toEqual(['GET', '/internal/channel-keys/abc']);
      const principal = await verifyPrincipal(call.headers[PRINCIPAL_HEADER] as string, SECRET);
      expect(principal).toMatchObject({ kind: 'admin', subject: 'gateway' });
    } finally {
      await client.close();
    }
  });

  it("shares the subgraph's breaker with the graph's calls: once open, a key lookup fails fast without calling identity", async () => {
    const client = new SubgraphClient('identity', url, CONFIG);
    const keys = new IdentityChannelKeys(new InternalClient(client, SECRET));
    try {
      failing = true;
      for (let i = 0; i < BREAKER_POLICY.volumeThreshold; i++) await client.fetch(url, { method: 'POST', body: '{"query":"mutation M{m}"}' });
      expect(client.state).toBe('open');
      const before = seen.length;
      await expect(keys.grant('abc')).rejects.toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'CIRCUIT_OPEN' } });
      expect(seen.length).toBe(before);
    } finally {
      failing = false;
      await client.close();
    }
  });
});
