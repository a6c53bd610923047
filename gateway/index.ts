import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { Config, SubgraphName } from '../common/config.js';
import type { Connection, Database } from '../common/db.js';
import { CREDENTIALS_CHANNEL } from '../common/api-keys.js';
import { errorReportingPlugin } from '../common/error-reporting.js';
import { asServiceUnavailable, classifyUnavailable, maskError } from '../common/errors.js';
import { createHttpApp, GRAPHQL_METHODS, listen, NotReadyError, refuseOtherMethods } from '../common/http.js';
import type { Logger } from '../common/logger.js';
import { httpDuration, observeOperation } from '../common/metrics.js';
import { KeyRing } from '../common/keys.js';
import { PrincipalTokens, withOperation } from '../common/principal.js';
import { currentRequestId } from '../common/request-scope.js';
import type { RunningServer } from '../common/subgraph.js';
import { authenticate, CREDENTIAL_HEADERS, type BearerAuthenticator } from './authenticate.js';
import type { GatewayContext } from './context.js';
import { ContractGuard, contractPlugin } from './contracts.js';
import { IdentityChannelKeys } from './channel-keys.js';
import { ChannelUsageCounter, channelUsagePlugin } from './channel-usage.js';
import { ApiKeyAuthenticator } from './credentials.js';
import { PrincipalForwardingDataSource } from './datasource.js';
import { listedOperations, warmQueryPlans } from './plan-warmup.js';
import { SubgraphClient } from './fetcher.js';
import { PartnerTokenAuthenticator } from './partners.js';
import { gatewayRateLimiter } from './rate-limit.js';
import { Safelist, type RequestParams } from './safelist.js';
import { GatewayRepository } from './db/repository.js';
import { EdgeAuthorizer, edgeAuthorizationPlugin } from './edge-authz.js';
import { formatLimitError, operationLimits } from './operation-limits.js';
import { assertPersistedQueryShape, assertShallowVariables, requestShapePlugin } from './request-shape.js';
import { subgraphRejection } from './subgraph-rejection.js';
import { serviceUnavailablePlugin } from './unavailable.js';
import { registerExplorer } from './pages/explorer.js';
import { registerPages } from './pages/static.js';
import { SessionRepository } from './sessions/repository.js';
import { registerSessionRoutes } from './sessions/routes.js';
import { BrowserSessions, CSRF_HEADER, SESSION_COOKIE } from './sessions/service.js';
import { SessionSafelists } from './sessions/safelists.js';

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

function metricsPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, operationName, errors, response }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          httpDuration.labels('gateway', operation?.operation ?? 'unknown', errors?.length ? 'error' : 'ok').observe(seconds);
          observeOperation('gateway', operationName, seconds, response.body.kind === 'single' ? response.body.singleResult.errors : undefined);
        },
      };
    },
  };
}

/**
 * An operator's mutation may have suspended a channel or a partner, or rotated keys: this gateway drops
 * its credential caches before the operator sees the answer, so their very next request meets the new
 * state (other gateways hear of it through NOTIFY).
 */
function operatorWritesPlugin(forgetCredentials: () => void): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.principal.kind !== 'admin') return {};
      return {
        async willSendResponse({ operation }) {
          if (operation?.operation === 'mutation') forgetCredentials();
        },
      };
    },
  };
}

export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const { config, logger } = opts;
  const supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
  const urls = { ...config.subgraphUrls, ...opts.subgraphUrls };
  const clients = new Map<string, SubgraphClient>();
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      const url = urls[name as SubgraphName];
      const client = new SubgraphClient(name, url, config.subgraphCalls);
      clients.set(name, client);
      return new PrincipalForwardingDataSource(name, url, client);
    },
    logger,
  });
  const app = createHttpApp({
    logger,
    metricsToken: config.metricsToken,
    production: config.production,
    ...(config.trustProxy !== undefined ? { trustProxy: config.trustProxy } : {}),
    ready: async () => {
      const subgraphs = Object.fromEntries(
        await Promise.all(
          Object.entries(urls).map(async ([name, url]) => {
            const res = await fetch(new URL('/healthz', url), { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
            return [name, { reachable: !!res?.ok, breaker: clients.get(name)?.state ?? 'closed' }] as const;
          }),
        ),
      );
      const down = Object.keys(subgraphs).filter((name) => !subgraphs[name]!.reachable);
      if (down.length) throw new NotReadyError(`subgraphs not reachable: ${down.join(', ')}`, { subgraphs });
      return { subgraphs };
    },
  });
  const keys = await KeyRing.from(config.secrets.codeSigningKeys);
  // Public keys for offline verification of code tokens and attestations (SPEC §4).
  app.get('/.well-known/jwks.json', async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return keys.publicJwks;
  });
  // Revocation lists per key, beside the JWKS: health-status keeps them, the gateway publishes them.
  const revocations = new LRUCache<string, { body: unknown }>({ max: 100, ttl: 30_000 });
  app.get<{ Params: { kid: string } }>('/.well-known/revocations/:kid.json', async (req, reply) => {
    const { kid } = req.params;
    if (!/^[\w-]{8,128}$/.test(kid)) return reply.code(404).send({ error: 'unknown key' });
    let hit = revocations.get(kid);
    if (!hit) {
      const res = await fetch(new URL(`/revocations/${kid}.json`, urls['health-status']), { signal: AbortSignal.timeout(3000) });
      if (!res.ok) return reply.code(502).send({ error: 'revocation list unavailable' });
      hit = { body: await res.json() };
      revocations.set(kid, hit);
    }
    reply.header('cache-control', 'public, max-age=30');
    return hit.body;
  });
  opts.routes?.(app);
  const repo = new GatewayRepository(opts.db);
  const clock = opts.clock ?? (() => new Date());
  const apiKeys = new ApiKeyAuthenticator(repo, 30_000, new IdentityChannelKeys(urls.identity, config.secrets.gatewaySecret), clock);
  const bearer = opts.bearer ?? new PartnerTokenAuthenticator(repo, urls.interop, config.secrets.gatewaySecret, config.provinceCode);
  // Browser sessions and launch tickets are checked through the key cache, so dropping it ends them too.
  const forgetCredentials = (): void => {
    apiKeys.forget();
    bearer.forget?.();
  };
  // A channel's suspension or key rotation (identity), a partner's (interop) and a key's revocation
  // (`npm run api-keys`) reach every gateway instance and worker through NOTIFY.
  const unlisten = opts.connection ? await opts.connection.listen(CREDENTIALS_CHANNEL, forgetCredentials) : undefined;
  const usage = new ChannelUsageCounter(urls.identity, config.secrets.gatewaySecret, logger, clock);
  // Browser pages (H5 code page, dashboard) and their sessions: docs/pages.md.
  await app.register(fastifyCookie);
  const sessions = new BrowserSessions(new SessionRepository(opts.db), apiKeys, opts.clock);
  const sessionSafelists = SessionSafelists.load();
  const rateLimit = gatewayRateLimiter(config, logger);
  registerSessionRoutes(app, { sessions, apiKeys, secureCookies: config.env !== 'development', addresses: rateLimit.addresses, usage });
  await registerPages(app);
  const explorer = config.production ? undefined : registerExplorer(app);

  const safelist = config.persistedOperations ? Safelist.load(config.persistedOperations) : undefined;
  const limits = operationLimits();
  const apollo = new ApolloServer<GatewayContext>({
    // Apollo Server 5 and gateway 2 speak the same gateway interface; only their type packages differ.
    gateway: gateway as never,
    introspection: !config.production,
    includeStacktraceInErrorResponses: !config.production,
    formatError: (formatted, error) => maskError(classifyUnavailable(formatLimitError(subgraphRejection(formatted), error), error), config.production),
    validationRules: limits.validationRules,
    // gateway/main.ts stops the server on SIGTERM; Apollo's own handler would race it (see common/subgraph.ts).
    stopOnTerminationSignals: false,
    parseOptions: limits.parseOptions,
    // A request carrying our credentials cannot be a browser's simple cross-site request: GET works.
    csrfPrevention: { requestHeaders: ['x-apollo-operation-name', 'apollo-require-preflight', ...CREDENTIAL_HEADERS] },
    // With a safelist, persisted queries come from it alone; without, Apollo's usual APQ cache.
    ...(safelist ? { persistedQueries: { cache: safelist.store() } } : {}),
    plugins: [
      requestShapePlugin(),
      // Each caller's schema contract (docs/contracts.md), before the limits' suggestion masking.
      contractPlugin(new ContractGuard()),
      ...limits.plugins,
      fastifyApolloDrainPlugin(app),
      edgeAuthorizationPlugin(new EdgeAuthorizer(supergraphSdl)),
      metricsPlugin(),
      channelUsagePlugin(usage),
      operatorWritesPlugin(forgetCredentials),
      errorReportingPlugin('gateway', logger),
      serviceUnavailablePlugin(),
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();
  // In production, the safelisted operations' plans before the gateway listens, so no early caller
  // waits on the planner; elsewhere a plan is made on first use (tests start many gateways).
  if (config.production) {
    const warmStarted = performance.now();
    const planned = await warmQueryPlans(gateway, listedOperations()).catch((err: unknown) => {
      logger.warn({ err }, 'query plans not warmed; they are made on first use');
      return 0;
    });
    logger.info({ planned, ms: Math.round(performance.now() - warmStarted) }, 'query plans warmed');
  }

  const principalTokens = new PrincipalTokens(config.secrets.gatewaySecret);
  const handler = fastifyApolloHandler(apollo, {
    context: async (request) => {
      await rateLimit.addresses?.assertAllowed(request.ip);
      const sessionId = request.headers['x-api-key'] || request.headers.authorization ? undefined : request.cookies[SESSION_COOKIE];
      const principal = await (sessionId
        ? sessions.principalFor(sessionId, request.headers[CSRF_HEADER] as string | undefined)
        : authenticate(request.headers, apiKeys, bearer)
      ).catch(async (err: unknown) => {
        // A key that could not be looked up (the database is out of reach) is no failed attempt.
        const unavailable = asServiceUnavailable(err);
        if (unavailable !== err) throw unavailable;
        await rateLimit.addresses?.failed(request.ip);
        throw err;
      });
      const params = (request.method === 'GET' ? request.query : request.body) as RequestParams & { variables?: unknown };
      try {
        await rateLimit.limiter?.take(principal);
        // A browser session runs its page's published operations only, in every environment.
        if (sessionId) sessionSafelists.assertListed(principal, params);
        else if (safelist && principal.kind === 'channel') safelist.assertListed(params);
        assertShallowVariables(params);
        assertPersistedQueryShape(params);
      } catch (err) {
        // Refused before Apollo's plugins run: the channel's usage would never show it.
        usage.record(principal, err);
        throw err;
      }
      const requestId = currentRequestId() ?? randomUUID();
      let token: string | undefined;
      return {
        principal,
        requestId,
        // The operation's name travels signed with the principal: the audit log's "why" of a read.
        principalToken: (operation) => (token ??= principalTokens.token(withOperation(principal, operation))),
      };
    },
  });
  app.route({
    url: '/graphql',
    method: [...GRAPHQL_METHODS],
    // A GET has no body, so its content-type says nothing (an HTML form's GET sends one); Apollo
    // would refuse it with 415, GraphQL over HTTP lets such a GET run.
    onRequest: async (request) => {
      if (request.method === 'GET') delete request.headers['content-type'];
    },
    // Before Apollo: GraphiQL for a developer's browser, and the text of a page's hash-only request.
    preHandler: async (request, reply) => {
      if (explorer?.(request, reply)) return reply;
      if (request.cookies[SESSION_COOKIE] && request.body && typeof request.body === 'object') sessionSafelists.expand(request.body);
      return undefined;
    },
    handler,
  });
  refuseOtherMethods(app, '/graphql');
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
