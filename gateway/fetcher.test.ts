import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SubgraphCallConfig } from '../common/platform/config.js';
import { BREAKER_POLICY, isIdempotentRead, SubgraphClient, SubgraphUnavailableError } from './fetcher.js';

const READ = JSON.stringify({ query: 'query Me__identity__0{me{id}}', variables: {} });
const WRITE = JSON.stringify({ query: 'mutation Submit__declarations__0{submitDeclaration{id}}', variables: {} });
const CONFIG: SubgraphCallConfig = { timeoutMs: 300, mutationTimeoutMs: 600, connectionsPerSubgraph: 4, breakerResetMs: 60_000 };

describe(isIdempotentRead.name, () => {
  it.each([
    [READ, true],
    [JSON.stringify({ query: '{me{id}}' }), true],
    [WRITE, false],
    [JSON.stringify({ variables: {}, query: 'query Q{a}' }), false],
    [undefined, false],
    [Buffer.from(READ), false],
    [`[${READ},${READ}]`, true],
    [`[${READ},${WRITE}]`, false],
    ['[]', false],
    ['[not json', false],
  ])('%s → %s', (body, expected) => {
    expect(isIdempotentRead(body)).toBe(expected);
  });
});

describe(SubgraphClient.name, () => {
  const open: { server?: Server; client?: SubgraphClient }[] = [];
  afterEach(async () => {
    for (const { server, client } of open.splice(0)) {
      await client?.close();
      server?.closeAllConnections();
      await new Promise((r) => server?.close(r));
    }
  });

  /** A subgraph stand-in on an ephemeral port, counting the requests it receives. */
  async function setup(handle: (req: IncomingMessage, res: ServerResponse, n: number) => void, config = CONFIG) {
    let received = 0;
    const server = createServer((req, res) => {
      received += 1;
      req.resume();
      req.on('end', () => handle(req, res, received));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const sut = new SubgraphClient('health-status', url, config);
    open.push({ server, client: sut });
    return { sut, url, received: () => received };
  }
  const ok = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"me":{"id":"1"}}}');

  it('answers with status, headers and body over a kept-alive pooled connection', async () => {
    const { sut, url } = await setup((_req, res) => ok(res));
    const first = await sut.fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: READ });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/json');
    expect(await first.json()).toEqual({ data: { me: { id: '1' } } });
    const second = await sut.fetch(url, { method: 'POST', body: READ });
    expect(second.status).toBe(200);
  });

  it('retries a read once when its connection fails, and never a mutation', async () => {
    // The first request of each pair loses its socket, as when a subgraph restarts under a kept-alive connection.
    const { sut, url, received } = await setup((req, res, n) => (n % 2 === 1 ? req.socket.destroy() : ok(res)));
    const read = await sut.fetch(url, { method: 'POST', body: READ });
    expect(read.status).toBe(200);
    expect(received()).toBe(2);
    await expect(sut.fetch(url, { method: 'POST', body: WRITE })).rejects.toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'UNREACHABLE' } });
    expect(received()).toBe(3);
  });

  it('gives up at the deadline, with a coded error that names no address', async () => {
    const { sut, url } = await setup(() => undefined);
    const err = await sut.fetch(url, { method: 'POST', body: READ }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SubgraphUnavailableError);
    expect(err).toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'TIMEOUT', subgraph: 'health-status' } });
    expect((err as Error).message).not.toContain('127.0.0.1');
  });

  it('opens after half of at least 20 calls fail, then refuses without calling the subgraph', async () => {
    const { sut, url, received } = await setup((_req, res) => res.writeHead(500).end('boom'));
    for (let i = 0; i < BREAKER_POLICY.volumeThreshold; i++) {
      // A 5xx still reaches the gateway as the answer it was, so it shapes the error as before.
      const res = await sut.fetch(url, { method: 'POST', body: WRITE }).catch((e: unknown) => e as Error);
      expect(res).toMatchObject({ status: 500 });
    }
    expect(sut.state).toBe('open');
    const seen = received();
    await expect(sut.fetch(url, { method: 'POST', body: READ })).rejects.toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'CIRCUIT_OPEN' } });
    expect(received()).toBe(seen);
  });

  it('lets one trial call through after the reset time and closes when it succeeds', async () => {
    let healthy = false;
    const { sut, url } = await setup((_req, res) => (healthy ? ok(res) : res.writeHead(503).end()), { ...CONFIG, breakerResetMs: 100 });
    for (let i = 0; i < BREAKER_POLICY.volumeThreshold; i++) await sut.fetch(url, { method: 'POST', body: WRITE });
    expect(sut.state).toBe('open');
    healthy = true;
    // The breaker's reset timer moves it to half-open: wait for that, not for a guess at how long it takes.
    await vi.waitFor(() => expect(sut.state).toBe('half-open'), { timeout: 5_000, interval: 10 });
    expect((await sut.fetch(url, { method: 'POST', body: READ })).status).toBe(200);
    expect(sut.state).toBe('closed');
  });
});
