import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import type { FastifyInstance } from 'fastify';
import type { Config, SubgraphName } from '../common/platform/config.js';
import type { Connection, Database } from '../common/platform/db.js';
import { createHttpApp, listen } from '../common/platform/http.js';
import { KeyRing } from '../common/platform/keys.js';
import type { Logger } from '../common/platform/logger.js';
import type { RunningServer } from '../common/platform/subgraph.js';
import type { BearerAuthenticator } from './authenticate.js';
import { IdentityChannelKeys } from './channel-keys.js';
import { ChannelUsageCounter } from './channel-usage.js';
import { CredentialCaches } from './credential-caches.js';
import { ApiKeyAuthenticator } from './credentials.js';
import { PrincipalForwardingDataSource } from './datasource.js';
import { GatewayRepository } from './db/repository.js';
import { InternalClient } from './internal-client.js';
import { SubgraphClient } from './fetcher.js';
import { PublishedOperations } from './manifests.js';
import { registerBrowserPages } from './pages/browser.js';
import { registerNationalInterface } from './national/routes.js';
import { PartnerTokenAuthenticator } from './partners.js';
import { mountPipeline } from './pipeline.js';
import { gatewayRateLimiter } from './rate-limit.js';
import { subgraphReadiness } from './readiness.js';
import { registerWellKnown } from './well-known.js';

export const SUPERGRAPH_PATH = new URL('../schema/supergraph.graphql', import.meta.url);

export interface GatewayOptions {
  config: Config;
  db: Database;
  logger: Logger;
  /** Where each subgraph is reached; defaults to the configuration's URLs. */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  port?: number;
  bearer?: BearerAuthenticator;
  /** Extra HTTP routes (e.g. `/.well-known/jwks.json`), registered before the server listens. */
  routes?: (app: FastifyInstance) => void;
  /** The clock browser tickets and sessions expire by (tests move it); the system clock by default. */
  clock?: () => Date;
  /** For LISTEN: identity signals suspensions and key rotations, and the key cache is dropped at once. */
  connection?: Connection;
}

export interface RunningGateway extends RunningServer {
  apiKeys: ApiKeyAuthenticator;
  /** Sends the channel usage counted so far to identity (it also happens every few seconds). */
  flushUsage(): Promise<void>;
  /** Whether the shared rate-limit store is connected; undefined when there is none. */
  rateLimitStoreReady(): boolean | undefined;
}

/**
 * Builds each part of the gateway once and hands them to the pipeline (gateway/pipeline.ts, which
 * reads as the stages a request passes); beside `/graphql`, the well-known keys, pages and sessions.
 */
export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const { config, logger } = opts;
  const supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
  const urls = { ...config.subgraphUrls, ...opts.subgraphUrls };
  // One pooled client with its breaker per subgraph, for the graph's calls and the gateway's own alike.
  const clients = new Map(Object.entries(urls).map(([name, url]) => [name, new SubgraphClient(name, url, config.subgraphCalls)] as const));
  const internal = (name: SubgraphName) => new InternalClient(clients.get(name)!, config.secrets.gatewaySecret);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => new PrincipalForwardingDataSource(name, urls[name as SubgraphName], clients.get(name)!),
    logger,
  });
  const app = createHttpApp({
    logger,
    metricsToken: config.metricsToken,
    production: config.production,
    ...(config.trustProxy !== undefined ? { trustProxy: config.trustProxy } : {}),
    ready: subgraphReadiness(urls, (name) => clients.get(name)?.state ?? 'closed'),
  });
  registerWellKnown(app, await KeyRing.from(config.secrets.codeSigningKeys), urls['health-status']);
  opts.routes?.(app);

  const repo = new GatewayRepository(opts.db);
  const clock = opts.clock ?? (() => new Date());
  const apiKeys = new ApiKeyAuthenticator(repo, 30_000, new IdentityChannelKeys(internal('identity')), clock);
  const bearer = opts.bearer ?? new PartnerTokenAuthenticator(repo, internal('interop'), config.provinceCode);
  const caches = new CredentialCaches(apiKeys, bearer);
  const unlisten = await caches.listen(opts.connection);
  const usage = new ChannelUsageCounter(internal('identity'), logger, clock);
  const rateLimit = gatewayRateLimiter(config, logger);
  const pages = { config, db: opts.db, apiKeys, rateLimit, usage, healthStatus: { client: internal('health-status'), path: new URL(urls['health-status']).pathname } };
  const { sessions, explorer } = await registerBrowserPages(app, { ...pages, ...(opts.clock ? { clock: opts.clock } : {}) });

  const published = PublishedOperations.load(config.persistedOperations);
  const stages = { config, logger, gateway, supergraphSdl, published, apiKeys, bearer, sessions, caches, rateLimit, usage, explorer };
  const apollo = await mountPipeline(app, stages);
  await registerNationalInterface(app, { apollo, bearer, rateLimit, config, logger }); // GB/T 38963: docs/interop.md
  const base = await listen(app, config.host, opts.port ?? config.ports.gateway);
  return {
    url: `${base}/graphql`,
    apiKeys,
    flushUsage: () => usage.flush(),
    rateLimitStoreReady: rateLimit.storeReady,
    close: async () => {
      await app.close();
      await apollo.stop();
      await usage.close();
      await unlisten?.();
      rateLimit.close();
      await Promise.all([...clients.values()].map((c) => c.close()));
    },
  };
}
