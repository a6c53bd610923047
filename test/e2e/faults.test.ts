import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../common/platform/logger.js';
import { serveSubgraph } from '../../common/platform/subgraph.js';
import { startGateway, type RunningGateway } from '../../gateway/index.js';
import { ADD_DEPENDENT, dependentInput, residentId } from '../factories/people.js';
import { newResident, type Resident } from '../helpers/people.js';
import { startTestStack, type GqlResult, type TestStack } from '../helpers/stack.js';

const HOUSEHOLD = 'query Household { me { displayName dependents { displayName } healthCode { color } } }';
const TIMEOUT_MS = 2000;
const RESET_MS = 1000;
type Household = { me: { displayName: string; dependents: { displayName: string }[]; healthCode: { color: string } | null } | null };

/**
 * A stable address in front of a server, as a Service is in front of pods: the subgraph behind it can
 * stop and start again on a new port (its old one may be taken by then) while the gateway keeps one
 * URL. With nothing behind it a connection is dropped at once, as a Service without endpoints does.
 */
class Forwarder {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  /** Requests that reached the forwarder, counted by their request line. */
  requests = 0;
  constructor(public target: string | undefined, delayMs = 0) {
    this.server = createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      if (!this.target) return void client.destroy();
      const to = new URL(this.target);
      const upstream = connect(Number(to.port), to.hostname);
      const later = (fn: () => void) => (delayMs ? void setTimeout(fn, delayMs) : fn());
      client.on('data', (chunk: Buffer) => {
        this.requests += chunk.toString('latin1').split('POST /graphql').length - 1;
        later(() => upstream.write(chunk));
      });
      upstream.on('data', (chunk) => client.write(chunk));
      for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
        a.on('error', () => b.destroy());
        a.on('close', () => later(() => b.end()));
      }
    });
  }
  async listen(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}/graphql`;
  }
  close(): Promise<unknown> {
    for (const s of this.sockets) s.destroy();
    return new Promise((r) => this.server.close(r));
  }
}

/** A gateway of its own whose health-status calls go to `healthStatusUrl`, beside the test stack's. */
async function gatewayWith(t: TestStack, healthStatusUrl: string): Promise<RunningGateway> {
  const urls = Object.fromEntries(Object.entries(t.stack.subgraphs).map(([n, s]) => [n, s.url]));
  urls['health-status'] = healthStatusUrl;
  return startGateway({ config: t.config, db: t.stack.db.gateway.db, logger: createLogger('silent'), port: 0, subgraphUrls: urls });
}

const readyz = async (gatewayUrl: string) => (await fetch(new URL('/readyz', gatewayUrl))).json() as Promise<{ status: string; subgraphs: Record<string, { reachable: boolean; breaker: string }> }>;

/**
 * One subgraph down or hung must cost only its own fields, within the configured deadline: the real
 * gateway and subgraphs over HTTP on ephemeral ports, the subgraph stopped and started for real.
 */
describe('the graph with a subgraph down', () => {
  let t: TestStack;
  let guardian: Resident;

  beforeAll(async () => {
    t = await startTestStack({ RATE_LIMITS: 'off', GATEWAY_SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS), GATEWAY_BREAKER_RESET_MS: String(RESET_MS) }, { production: true });
    guardian = await newResident(t);
    const added = await t.gql(guardian.caller, ADD_DEPENDENT, { input: dependentInput({ documentNumber: residentId({ birthDate: '1942-03-04' }) }) });
    expect(added.errors).toBeUndefined();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers names without the codes while health-status is stopped, and everything once it is back', async () => {
    const front = new Forwarder(t.stack.subgraphs['health-status'].url);
    const gateway = await gatewayWith(t, await front.listen());
    try {
      const full = await t.gql<Household>(guardian.caller, HOUSEHOLD, undefined, gateway.url);
      expect(full.errors).toBeUndefined();
      expect(full.data!.me).toEqual({ displayName: '李明', dependents: [{ displayName: '李奶奶' }], healthCode: { color: 'GREEN' } });

      await t.stack.subgraphs['health-status'].close();
      front.target = undefined;

      // Enough reads to fill the breaker's window: every one keeps the names and says why the code is missing.
      const started = Date.now();
      const answers: GqlResult<Household>[] = [];
      for (let i = 0; i < 25; i++) answers.push(await t.gql<Household>(guardian.caller, HOUSEHOLD, undefined, gateway.url));
      for (const down of answers) {
        expect(down.status).toBe(200);
        expect(down.data!.me).toEqual({ displayName: '李明', dependents: [{ displayName: '李奶奶' }], healthCode: null });
        expect(down.errors!.map((e) => e.extensions!.code)).toEqual(['SUBGRAPH_UNAVAILABLE']);
        expect(JSON.stringify(down.errors)).not.toMatch(/127\.0\.0\.1|localhost|stacktrace/);
      }
      // A dropped connection fails at once, an open breaker faster still: 25 reads well inside one deadline each.
      expect(Date.now() - started).toBeLessThan(25 * TIMEOUT_MS);
      expect(answers.at(-1)!.errors![0]!.extensions!.reason).toBe('CIRCUIT_OPEN');
      const opened = await readyz(gateway.url);
      expect(opened.subgraphs['health-status']!.breaker).toBe('open');
      expect(opened.subgraphs.identity).toEqual({ reachable: true, breaker: 'closed' });

      // Started again: the breaker lets a trial through after its reset time and closes by itself.
      t.stack.subgraphs['health-status'] = await serveSubgraph(t.stack.modules['health-status'], {
        host: t.config.host,
        port: 0,
        gatewaySecret: t.config.secrets.gatewaySecret,
        production: true,
        logger: createLogger('silent'),
      });
      front.target = t.stack.subgraphs['health-status'].url;
      let healed: GqlResult<Household> | undefined;
      const until = Date.now() + 10 * RESET_MS;
      while (Date.now() < until) {
        healed = await t.gql<Household>(guardian.caller, HOUSEHOLD, undefined, gateway.url);
        if (!healed.errors) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(healed!.errors).toBeUndefined();
      expect(healed!.data!.me!.healthCode).toEqual({ color: 'GREEN' });
      expect((await readyz(gateway.url)).subgraphs['health-status']!.breaker).toBe('closed');
    } finally {
      await gateway.close();
      await front.close();
    }
  });

  describe('a subgraph that accepts connections and never answers', () => {
    let hung: Server;
    const sockets = new Set<Socket>();
    let gateway: RunningGateway;

    beforeAll(async () => {
      hung = createServer((s) => {
        sockets.add(s);
        s.on('error', () => undefined);
      });
      await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
      gateway = await gatewayWith(t, `http://127.0.0.1:${(hung.address() as { port: number }).port}/graphql`);
    });
    afterAll(async () => {
      await gateway?.close();
      for (const s of sockets) s.destroy();
      await new Promise((r) => hung?.close(r));
    });

    it('answers within the timeout with the names and a coded error on the code', async () => {
      const started = Date.now();
      const res = await t.gql<Household>(guardian.caller, HOUSEHOLD, undefined, gateway.url);
      const took = Date.now() - started;
      expect(res.data!.me).toEqual({ displayName: '李明', dependents: [{ displayName: '李奶奶' }], healthCode: null });
      expect(res.errors!.map((e) => [e.extensions!.code, e.extensions!.reason])).toEqual([['SUBGRAPH_UNAVAILABLE', 'TIMEOUT']]);
      // It waited for the deadline (the subgraph was asked), and not for much more: bounds, not a timing.
      expect(sockets.size).toBeGreaterThan(0);
      expect(took).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(took).toBeLessThan(3 * TIMEOUT_MS);
    });
  });

  describe('a gateway closing while requests are in flight', () => {
    const BURST = 30;
    let slow: Forwarder;
    let gateway: RunningGateway;

    beforeAll(async () => {
      // Every byte on its way to health-status waits a while, so the gateway's requests stay in flight.
      slow = new Forwarder(t.stack.subgraphs['health-status'].url, 400);
      gateway = await gatewayWith(t, await slow.listen());
    });
    afterAll(async () => {
      await slow?.close();
    });

    it('answers every request it took in full, then refuses connections', async () => {
      const burst = Array.from({ length: BURST }, () => t.gql<Household>(guardian.caller, HOUSEHOLD, undefined, gateway.url));
      // Every request has reached health-status, so the gateway took each one and is still working on it.
      while (slow.requests < BURST) await new Promise((r) => setTimeout(r, 10));
      const closing = Date.now();
      const closed = gateway.close();
      const answers = await Promise.all(burst);
      await closed;
      // Closed once the answers went out, not a keep-alive timeout (65 s) later: a bound, not a timing.
      expect(Date.now() - closing).toBeLessThan(20_000);
      for (const a of answers) {
        expect(a.status).toBe(200);
        expect(a.errors).toBeUndefined();
        expect(a.data!.me!.healthCode).toEqual({ color: 'GREEN' });
      }
      await expect(t.gql(guardian.caller, HOUSEHOLD, undefined, gateway.url)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    });
  });
});
