import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../common/platform/config.js';
import type { Database } from '../../common/platform/db.js';
import type { ChannelUsageCounter } from '../channel-usage.js';
import type { ApiKeyAuthenticator } from '../credentials.js';
import type { InternalClient } from '../internal-client.js';
import type { gatewayRateLimiter } from '../rate-limit.js';
import { SessionRepository } from '../sessions/repository.js';
import { registerSessionRoutes } from '../sessions/routes.js';
import { BrowserSessions } from '../sessions/service.js';
import { registerExplorer } from './explorer.js';
import { registerPages } from './static.js';
import { registerTransparency } from './transparency.js';

export interface BrowserDeps {
  config: Config;
  db: Database;
  apiKeys: ApiKeyAuthenticator;
  rateLimit: ReturnType<typeof gatewayRateLimiter>;
  usage: ChannelUsageCounter;
  /** health-status's signed internal client and GraphQL path: the public transparency report reads its counters. */
  healthStatus: { client: InternalClient; path: string };
  clock?: () => Date;
}

/**
 * Everything a browser opens beside `/graphql` (docs/pages.md): the session routes and cookies, the
 * H5 code page, the dashboard, the verifier and the transparency report, and GraphiQL in development.
 * Answers the sessions and the explorer, which the pipeline's authenticate and admit stages use.
 */
export async function registerBrowserPages(app: FastifyInstance, d: BrowserDeps) {
  const { config } = d;
  await app.register(fastifyCookie);
  const sessions = new BrowserSessions(new SessionRepository(d.db), d.apiKeys, d.clock);
  registerSessionRoutes(app, {
    sessions,
    apiKeys: d.apiKeys,
    secureCookies: config.env !== 'development',
    addresses: d.rateLimit.addresses,
    usage: d.usage,
    verifier: { issuer: config.provinceCode, maxCacheAgeHours: config.verifierMaxCacheAgeHours },
  });
  await registerPages(app);
  registerTransparency(app, { ...d.healthStatus, perMinute: config.transparencyRateLimit });
  const explorer = config.production ? undefined : registerExplorer(app);
  return { sessions, explorer };
}
