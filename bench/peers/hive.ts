import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { PRINCIPAL_HEADER } from '../../common/domain/principal.js';
import { SUPERGRAPH_PATH } from '../../gateway/index.js';

/**
 * Hive Gateway with the Rust query planner (router runtime) as a process of its own, for `npm run
 * bench -- graph`: the peer SPEC §10 names. BENCH_SUBGRAPH_URLS (JSON, name → URL), BENCH_PORT, and
 * BENCH_DEDUP=1 to keep its in-flight deduplication of identical subgraph requests (its default),
 * 0 to turn it off. Like the stock gateway, it passes on the client's already-signed principal.
 */
const urls = JSON.parse(process.env.BENCH_SUBGRAPH_URLS ?? '{}') as Record<string, string>;
const dedup = process.env.BENCH_DEDUP === '1';
// The composed supergraph routes to docker-compose's host names; point each graph at this run's port.
const supergraph = readFileSync(SUPERGRAPH_PATH, 'utf8').replace(/@join__graph\(name: "([\w-]+)", url: "[^"]*"\)/g, (whole, name: string) =>
  urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole,
);

const gateway = createGatewayRuntime({
  supergraph,
  unifiedGraphHandler,
  logging: 'error',
  maskedErrors: false,
  landingPage: false,
  graphiql: false,
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ [PRINCIPAL_HEADER]: request.headers.get(PRINCIPAL_HEADER) ?? '' }),
  },
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: dedup } } },
});
const port = Number(process.env.BENCH_PORT ?? 0);
const server = createServer(gateway).listen(port, '127.0.0.1', () => console.log(`hive gateway http://127.0.0.1:${port}/graphql (dedup ${dedup ? 'on' : 'off'})`));
process.once('SIGTERM', () => server.close(() => void Promise.resolve(gateway.dispose()).finally(() => process.exit(0))));
