import { startStockGateway } from '../lib/stock-gateway.js';

/**
 * The stock @apollo/gateway as a process of its own, for `npm run bench -- graph`: BENCH_SUBGRAPH_URLS
 * (JSON, name → URL) and BENCH_PORT. It stops on SIGTERM.
 */
const urls = JSON.parse(process.env.BENCH_SUBGRAPH_URLS ?? '{}') as Record<string, string>;
const server = await startStockGateway(urls, Number(process.env.BENCH_PORT ?? 0));
console.log(`stock gateway ${server.url}`);
process.once('SIGTERM', () => void server.close().finally(() => process.exit(0)));
