import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SUPERGRAPH_PATH } from './index.js';
import { PublishedOperations } from './manifests.js';
import { warmQueryPlans } from './plan-warmup.js';

/** A gateway over the real supergraph whose subgraphs cannot be reached: planning needs none. */
async function startServer(): Promise<{ gateway: ApolloGateway; server: ApolloServer; plans: () => number }> {
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ url }) => new RemoteGraphQLDataSource({ url: url!.replace(/\/\/[^/]+/, '//127.0.0.1:9') }),
  });
  const server = new ApolloServer({ gateway: gateway as never });
  await server.start();
  const planner = (gateway as unknown as { queryPlanner: { buildQueryPlan: (...args: unknown[]) => unknown } }).queryPlanner;
  const spy = vi.spyOn(planner, 'buildQueryPlan');
  return { gateway, server, plans: () => spy.mock.calls.length };
}

const running: ApolloServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

// Planning every listed operation is CPU work: seconds on a busy shared machine.
describe(warmQueryPlans.name, { timeout: 60_000 }, () => {
  const operations = PublishedOperations.load().operations();
  const myCode = operations.find((o) => o.name === 'MyCode')!;

  it('plans every safelisted operation, channels\' and the dashboard\'s', async () => {
    const { gateway, server, plans } = await startServer();
    running.push(server);
    const planned = await warmQueryPlans(gateway, operations);
    expect(planned).toBe(new Set(operations.map((o) => o.body)).size);
    expect(plans()).toBeGreaterThanOrEqual(planned);
    expect(operations.map((o) => o.name)).toEqual(expect.arrayContaining(['MyCode', 'MyHousehold', 'SubmitDeclaration', 'ColorCounts']));
  });

  it.each([
    ['names its operation', 'MyCode'],
    ['sends the text alone', undefined],
  ])('lets the first request that %s run without planning', async (_what, operationName) => {
    const { gateway, server, plans } = await startServer();
    running.push(server);
    await warmQueryPlans(gateway, [myCode]);
    const before = plans();
    await server.executeOperation({ query: myCode.body, ...(operationName ? { operationName } : {}) });
    expect(plans()).toBe(before);
  });

  it('is what the first request would otherwise wait for (control: no warm-up, one plan)', async () => {
    const { server, plans } = await startServer();
    running.push(server);
    await server.executeOperation({ query: myCode.body, operationName: 'MyCode' });
    expect(plans()).toBe(1);
  });
});
