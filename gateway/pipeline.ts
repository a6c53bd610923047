/**
 * The gateway as the stages a request to `/graphql` passes, top to bottom. Each stage is a module with
 * one job; this file only puts them in order (docs: README "A request's journey").
 *
 * 1. admit         the method, the body's size and a GET's content type (common/platform/http.ts); a page's
 *                  hash-only request filled in from its list (sessions/safelists.ts); the request's
 *                  shape: persisted-query extension, variables' depth, one resolvable operation and no
 *                  subscription, the parser's token and depth limits (request-shape.ts, operation-limits.ts)
 * 2. authenticate  API key, partner token or browser session into a principal (authenticate.ts,
 *                  credentials.ts, partners.ts, sessions/service.ts; caches dropped by credential-caches.ts)
 * 3. limit         failed attempts per address, requests per principal (rate-limit.ts)
 * 4. safelist      channels and browser sessions run published operations only (safelist.ts, manifests.ts)
 * 5. validate      against the caller's schema contract, then cost and depth (contracts.ts, operation-limits.ts)
 * 6. authorize     fields the principal may not see leave the operation, and answer FORBIDDEN (edge-authz.ts)
 * 7. plan & fetch  Apollo's query planner (plans warmed from the lists: plan-warmup.ts), calls signed per
 *                  principal, batched per subgraph, pooled with a deadline and a breaker (datasource.ts,
 *                  fetch-batching.ts, fetcher.ts); identical caller-independent published reads in flight
 *                  answered once (shared-reads.ts)
 * 8. shape         errors passed on, classified and masked (subgraph-rejection.ts, operation-limits.ts,
 *                  common/platform/errors.ts); the status (request-shape.ts, unavailable.ts); metrics, channel usage
 *                  and error reports (operation-metrics.ts, channel-usage.ts, common/platform/error-reporting.ts)
 *
 * Stages 2 to 4 and admission's variable and extension checks run in Apollo's context function, in
 * that order (the shape last, so a channel's usage counts its refusal); 5, 6 and 8 are Apollo plugins,
 * listed below in the order their hooks run.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../common/platform/config.js';
import { errorReportingPlugin } from '../common/platform/error-reporting.js';
import { asServiceUnavailable, classifyUnavailable, maskError } from '../common/platform/errors.js';
import { GRAPHQL_METHODS, refuseOtherMethods } from '../common/platform/http.js';
import type { Logger } from '../common/platform/logger.js';
import { PrincipalTokens, withOperation, type Principal } from '../common/domain/principal.js';
import { currentRequestId } from '../common/platform/request-scope.js';
import { authenticate, CREDENTIAL_HEADERS, type BearerAuthenticator } from './authenticate.js';
import { channelUsagePlugin, type ChannelUsageCounter } from './channel-usage.js';
import type { GatewayContext } from './context.js';
import { ContractGuard, contractPlugin } from './contracts.js';
import type { CredentialCaches } from './credential-caches.js';
import { ChannelSuspendedError, type ApiKeyAuthenticator } from './credentials.js';
import { EdgeAuthorizer, edgeAuthorizationPlugin } from './edge-authz.js';
import type { PublishedOperations } from './manifests.js';
import type { registerExplorer } from './pages/explorer.js';
import { formatLimitError, operationLimits } from './operation-limits.js';
import { operationMetricsPlugin } from './operation-metrics.js';
import { warmQueryPlans } from './plan-warmup.js';
import type { gatewayRateLimiter } from './rate-limit.js';
import { assertPersistedQueryShape, assertShallowVariables, requestShapePlugin } from './request-shape.js';
import type { RequestParams } from './safelist.js';
import { CSRF_HEADER, SESSION_COOKIE, type BrowserSessions } from './sessions/service.js';
import { SessionSafelists } from './sessions/safelists.js';
import { sharedReadsPlugin } from './shared-reads.js';
import { subgraphRejection } from './subgraph-rejection.js';
import { serviceUnavailablePlugin } from './unavailable.js';

/** What the stages are built from; index.ts makes each once. */
export interface Stages {
  config: Config;
  logger: Logger;
  gateway: ApolloGateway;
  supergraphSdl: string;
  published: PublishedOperations;
  apiKeys: ApiKeyAuthenticator;
  bearer: BearerAuthenticator;
  sessions: BrowserSessions;
  caches: CredentialCaches;
  rateLimit: ReturnType<typeof gatewayRateLimiter>;
  usage: ChannelUsageCounter;
  /** GraphiQL for a developer's browser, outside production (pages/explorer.ts). */
  explorer?: ReturnType<typeof registerExplorer>;
}

/** Mounts `/graphql` on `app`: the stages above, in order. Answers the started Apollo Server. */
export async function mountPipeline(app: FastifyInstance, s: Stages): Promise<ApolloServer<GatewayContext>> {
  const { config, logger } = s;
  const sessionLists = SessionSafelists.of(s.published);
  // The channel safelist holds only when configured (SPEC §8); sessions are held to theirs always.
  const channelSafelist = config.persistedOperations ? s.published.channel : undefined;
  const limits = operationLimits();
  const apollo = new ApolloServer<GatewayContext>({
    // Apollo Server 5 and gateway 2 speak the same gateway interface; only their type packages differ.
    gateway: s.gateway as never,
    introspection: !config.production,
    includeStacktraceInErrorResponses: !config.production,
    validationRules: limits.validationRules, // 5. validate (cost and depth)
    parseOptions: limits.parseOptions, // 1. admit (tokens)
    // gateway/main.ts stops the server on SIGTERM; Apollo's own handler would race it (see common/platform/subgraph.ts).
    stopOnTerminationSignals: false,
    // A request carrying our credentials cannot be a browser's simple cross-site request: GET works.
    csrfPrevention: { requestHeaders: ['x-apollo-operation-name', 'apollo-require-preflight', ...CREDENTIAL_HEADERS] },
    // With a safelist, persisted queries come from it alone; without, Apollo's usual APQ cache.
    ...(channelSafelist ? { persistedQueries: { cache: channelSafelist.store() } } : {}),
    plugins: [
      requestShapePlugin(), // 1. admit: one resolvable operation; 8. the status by the client's Accept
      // 5. validate: each caller's schema contract (docs/contracts.md), before the limits' suggestion masking.
      contractPlugin(new ContractGuard()),
      ...limits.plugins,
      fastifyApolloDrainPlugin(app),
      edgeAuthorizationPlugin(new EdgeAuthorizer(s.supergraphSdl)), // 6. authorize
      // 7. plan & fetch: identical caller-independent published reads in flight answered once (shared-reads.ts)
      sharedReadsPlugin(s.published),
      // 8. shape the response, and account for it
      operationMetricsPlugin(),
      channelUsagePlugin(s.usage),
      s.caches.operatorWritesPlugin(),
      errorReportingPlugin('gateway', logger),
      serviceUnavailablePlugin(),
      ApolloServerPluginLandingPageDisabled(),
    ],
    // 8. shape: a subgraph's refusal passed on, a limit named, a lost connection retryable, the rest masked.
    formatError: (formatted, error) => maskError(classifyUnavailable(formatLimitError(subgraphRejection(formatted), error), error), config.production),
  });
  await apollo.start();
  // 7. In production, the published operations' plans before the gateway listens, so no early caller
  // waits on the planner; elsewhere a plan is made on first use (tests start many gateways).
  if (config.production) {
    const warmStarted = performance.now();
    const planned = await warmQueryPlans(s.gateway, s.published.operations()).catch((err: unknown) => {
      logger.warn({ err }, 'query plans not warmed; they are made on first use');
      return 0;
    });
    logger.info({ planned, ms: Math.round(performance.now() - warmStarted) }, 'query plans warmed');
  }

  const principalTokens = new PrincipalTokens(config.secrets.gatewaySecret);
  const { addresses, limiter } = s.rateLimit;
  const handler = fastifyApolloHandler(apollo, {
    context: async (request) => {
      // 2. authenticate (3. the address guard first: a client that keeps failing is turned away unheard)
      await addresses?.assertAllowed(request.ip);
      const sessionId = request.headers['x-api-key'] || request.headers.authorization ? undefined : request.cookies[SESSION_COOKIE];
      const principal: Principal = await (sessionId
        ? s.sessions.principalFor(sessionId, request.headers[CSRF_HEADER] as string | undefined)
        : authenticate(request.headers, s.apiKeys, s.bearer)
      ).catch(async (err: unknown) => {
        // A key that could not be looked up (the database is out of reach) is no failed attempt.
        const unavailable = asServiceUnavailable(err);
        if (unavailable !== err) throw unavailable;
        // A suspended channel's call is refused here, before any later stage: count it as the channel's.
        if (err instanceof ChannelSuspendedError) s.usage.record({ kind: 'channel', subject: err.channel }, err);
        await addresses?.failed(request.ip);
        throw err;
      });
      const params = (request.method === 'GET' ? request.query : request.body) as RequestParams & { variables?: unknown };
      try {
        await limiter?.take(principal); // 3. limit
        // 4. safelist: a browser session runs its page's published operations only, in every environment.
        if (sessionId) sessionLists.assertListed(principal, params);
        else if (channelSafelist && principal.kind === 'channel') channelSafelist.assertListed(params);
        // 1. admit: the request's shape
        assertShallowVariables(params);
        assertPersistedQueryShape(params);
      } catch (err) {
        // Refused before Apollo's plugins run: the channel's usage would never show it.
        s.usage.record(principal, err);
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
    // 1. admit: a GET has no body, so its content-type says nothing (an HTML form's GET sends one);
    // Apollo would refuse it with 415, GraphQL over HTTP lets such a GET run.
    onRequest: async (request) => {
      if (request.method === 'GET') delete request.headers['content-type'];
    },
    // Before Apollo: GraphiQL for a developer's browser, and the text of a page's hash-only request.
    preHandler: async (request, reply) => {
      if (s.explorer?.(request, reply)) return reply;
      if (request.cookies[SESSION_COOKIE] && request.body && typeof request.body === 'object') sessionLists.expand(request.body);
      return undefined;
    },
    handler,
  });
  refuseOtherMethods(app, '/graphql');
  return apollo;
}
