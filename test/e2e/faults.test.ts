import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../common/logger.js';
import { serveSubgraph } from '../../common/subgraph.js';
import { startGateway, type RunningGateway } from '../../gateway/index.js';
import { ADD_DEPENDENT, dependentInput, residentId } from '../factories/people.js';
import { newResident, type Resident } from '../helpers/people.js';
import { startTestStack, type GqlResult, type TestStack } from '../helpers/stack.js';

const HOUSEHOLD = 'query Household { me { displayName dependents { displayName } healthCode { color } } }';
const TIMEOUT_MS = 2000;
const RESET_MS = 1000;
type Household = { me: { displayName: string; dependents: { displayName: string }[]; healthCode: { color: string } | null } | null };

const readyz = async (gatewayUrl: string) => (await fetch(new URL('/readyz', gatewayUrl))).json() as Promise<{ status: string; subgraphs: Record<string, { reachable: boolean; breaker: string }> }>;

/**
 * One subgraph down or hung must cost only its own fields, within the configured deadline: the real
 * gateway and subgraphs over HTTP on ephemeral ports, the subgraph stopped and started for real.
 */
describe('the graph with a subgraph down', () => {
  let t: TestStack;
  let guardian: Resident;

  beforeAll(async () => {
    t = await startTestStack({ GATEWAY_SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS), GATEWAY_BREAKER_RESET_MS: String(RESET_MS) }, { production: true });
    guardian = await newResident(t);
    const added = await t.gql(guardian.caller, ADD_DEPENDENT, { input: dependentInput({ documentNumber: residentId({ birthDate: '1942-03-04' }) }) });
    expect(added.errors).toBeUndefined();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers names without the codes while health-status is stopped, and everything once it is back', async () => {
    const full = await t.gql<Household>(guardian.caller, HOUSEHOLD);
    expect(full.errors).toBeUndefined();
    expect(full.data!.me).toEqual({ displayName: '李明', dependents: [{ displayName: '李奶奶' }], healthCode: { color: 'GREEN' } });

    const hs = t.stack.subgraphs['health-status'];
    const port = new URL(hs.url).port;
    await hs.close();

    // Enough reads to fill the breaker's window: every one keeps the names and says why the code is missing.
    const started = Date.now();
    const answers: GqlResult<Household>[] = [];
    for (let i = 0; i < 25; i++) answers.push(await t.gql<Household>(guardian.caller, HOUSEHOLD));
    for (const down of answers) {
      expect(down.status).toBe(200);
      expect(down.data!.me).toEqual({ displayName: '李明', dependents: [{ displayName: '李奶奶' }], healthCode: null });
      expect(down.errors!.map((e) => e.extensions!.code)).toEqual(['SUBGRAPH_UNAVAILABLE']);
      expect(JSON.stringify(down.errors)).not.toMatch(/127\.0\.0\.1|localhost|stack|at /);
    }
    // A refused connection fails at once, an open breaker faster still: 25 reads well inside one deadline each.
    expect(Date.now() - started).toBeLessThan(25 * TIMEOUT_MS);
    expect(answers.at(-1)!.errors![0]!.extensions!.reason).toBe('CIRCUIT_OPEN');
    const opened = await readyz(t.stack.gateway.url);
    expect(opened.status).toBe('unavailable');
    expect(opened.subgraphs['health-status']).toEqual({ reachable: false, breaker: 'open' });
    expect(opened.subgraphs.identity).toEqual({ reachable: true, breaker: 'closed' });

    // Started again on its address: the breaker lets a trial through after its reset time and closes by itself.
    t.stack.subgraphs['health-status'] = await serveSubgraph(t.stack.modules['health-status'], {
      host: t.config.host,
      port: Number(port),
      gatewaySecret: t.config.secrets.gatewaySecret,
      production: true,
      logger: createLogger('silent'),
    });
    let healed: GqlResult<Household> | undefined;
    const until = Date.now() + 10 * RESET_MS;
    while (Date.now() < until) {
      healed = await t.gql<Household>(guardian.caller, HOUSEHOLD);
      if (!healed.errors) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(healed!.errors).toBeUndefined();
    expect(healed!.data!.me!.healthCode).toEqual({ color: 'GREEN' });
    const closed = await readyz(t.stack.gateway.url);
    expect(closed).toMatchObject({ status: 'ready', subgraphs: { 'health-status': { reachable: true, breaker: 'closed' } } });
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
      const urls = Object.fromEntries(Object.entries(t.stack.subgraphs).map(([n, s]) => [n, s.url]));
      urls['health-status'] = `http://127.0.0.1:${(hung.address() as { port: number }).port}/graphql`;
      gateway = await startGateway({ config: t.config, db: t.stack.db.gateway.db, logger: createLogger('silent'), port: 0, subgraphUrls: urls });
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
});
