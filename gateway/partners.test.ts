import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayRepository } from './db/repository.js';
import { SubgraphClient } from './fetcher.js';
import { InternalClient } from './internal-client.js';
import { PartnerTokenAuthenticator } from './partners.js';

/** Interop's trust route as the gateway sees it over HTTP: here it knows no partner, and counts the questions. */
let interop: Server;
let calls = 0;
let url = '';
beforeAll(async () => {
  interop = createServer((_req, res) => {
    calls++;
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"unknown partner"}');
  });
  await new Promise<void>((r) => interop.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(interop.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await new Promise<void>((r) => interop.close(() => r()));
});
const clients: SubgraphClient[] = [];
const CALLS = { timeoutMs: 2000, mutationTimeoutMs: 2000, connectionsPerSubgraph: 2, breakerResetMs: 1000 };

const { privateKey } = await generateKeyPair('ES256');
const token = (claims: Record<string, unknown>, kid = 'k1') =>
  new SignJWT({ jti: 'j1', ...claims }).setProtectedHeader({ alg: 'ES256', kid }).setAudience('450000').setIssuedAt().setExpirationTime('2m').sign(privateKey);

describe(PartnerTokenAuthenticator.name, () => {
  // No repository call happens before a token is known to come from a trusted partner.
  const sut = () => {
    const client = new SubgraphClient('interop', url, CALLS);
    clients.push(client);
    return new PartnerTokenAuthenticator({} as GatewayRepository, new InternalClient(client, 's'.repeat(32)), '450000');
  };

  it.each([
    ['a lone surrogate as iss', { iss: '\uD800' }, 'k1'],
    ['a 6,000-character iss', { iss: '4'.repeat(6000) }, 'k1'],
    ['an object as jti', { iss: '440000', jti: { id: 1 } }, 'k1'],
    ['a 500-character kid', { iss: '440000' }, 'k'.repeat(500)],
  ])('refuses %s as MALFORMED_TOKEN without asking interop', async (_name, claims, kid) => {
    const before = calls;
    await expect(sut().authenticate(await token(claims, kid))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED', reason: 'MALFORMED_TOKEN' } });
    expect(calls).toBe(before);
  });

  it('asks interop about an unknown issuer once, then remembers it is unknown (a minute; the address guard bounds new ones)', async () => {
    const authn = sut();
    const before = calls;
    for (let i = 0; i < 5; i++) {
      await expect(authn.authenticate(await token({ iss: '990000', jti: `j${i}` }))).rejects.toMatchObject({ extensions: { reason: 'UNKNOWN_PARTNER' } });
    }
    expect(calls - before).toBe(1);
  });
});
