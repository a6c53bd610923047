import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { FastifyInstance } from 'fastify';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { enforceAccessDirectives } from './authz.js';
import { enforceRepresentations } from './entities.js';
import type { Clock } from './clock.js';
import { enforceInputHygiene } from './input-hygiene.js';
import type { Config, SubgraphName } from './config.js';
import type { Connection, Database } from './db.js';
import { errorReportingPlugin } from './error-reporting.js';
import { asServiceUnavailable, classifyUnavailable, maskError } from './errors.js';
import { createHttpApp, GRAPHQL_METHODS, listen, MAX_BATCH, refuseOtherMethods } from './http.js';
import { serviceLogger, type Logger } from './logger.js';
import { httpDuration, observeOperation, subgraphHttpRequests } from './metrics.js';
import { PRINCIPAL_HEADER, verifyPrincipal, type Principal } from '../domain/principal.js';
import { currentRequestId } from './request-scope.js';

/** An entity reference as a subgraph that extends `Person` receives it: just the key. */
export interface PersonRef {
  id: string;
}

/** What every subgraph's per-request context starts from. */
export interface BaseContext {
  principal: Principal;
  requestId: string;
  logger: Logger;
}

/** A subgraph as the server sees it: SDL, resolvers and how to build a request's context. */
export interface SubgraphModule<C extends BaseContext = BaseContext> {
  name: SubgraphName;
  typeDefs: DocumentNode;
  /** The codegen-typed resolver map; its shape is checked where it is written, against the SDL. */
  resolvers: object;
  context(base: BaseContext): Promise<C> | C;
  /** Runs before the response leaves, e.g. to write the request's audit rows in one statement. */
  finish?(ctx: C): Promise<void>;
  ready(): Promise<void>;
  /** Plain HTTP routes beside GraphQL (public documents such as revocation lists). */
  routes?(app: FastifyInstance): void;
  /** Work that runs beside the server (event consumers, schedules): started after listen, stopped on close. */
  background?: { start(): Promise<void>; stop(): Promise<void> }[];
}

/**
 * Joins feature modules' resolver maps into one: each module brings its fields of shared types
 * (`Query`, `Mutation`, `Person`), and two modules defining the same field is a mistake caught here.
 */
export function mergeResolvers<R extends object>(parts: R[]): R {
  const merged: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [type, fields] of Object.entries(part)) {
      const seen = merged[type];
      if (seen === undefined) {
        merged[type] = fields;
        continue;
      }
      // Scalars are class instances, not field maps: only plain objects are merged.
      if (Object.getPrototypeOf(seen) !== Object.prototype || Object.getPrototypeOf(fields) !== Object.prototype) throw new Error(`${type} is defined by two modules`);
      for (const field of Object.keys(fields as object)) if (field in (seen as object)) throw new Error(`${type}.${field} is defined by two modules`);
      merged[type] = { ...(seen as object), ...(fields as object) };
    }
  }
  return merged as R;
}

export function buildSchema<C extends BaseContext>(mod: SubgraphModule<C>): GraphQLSchema {
  // Access is checked first (outer wrapper), then the text rules (common/platform/text.ts), then the resolver.
  return enforceAccessDirectives(
    enforceInputHygiene(
      enforceRepresentations(
        // Codegen's `Resolvers` and the subgraph library's map describe the same object in different terms.
        buildSubgraphSchema({ typeDefs: mod.typeDefs, resolvers: mod.resolvers as GraphQLResolverMap<unknown> }),
      ),
    ),
  );
}

export interface ServeOptions {
  host: string;
  port: number;
  gatewaySecret: string;
  production: boolean;
  logger: Logger;
  metricsToken?: string;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

function finishPlugin<C extends BaseContext>(mod: SubgraphModule<C>): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      let executed = false;
      return {
        async executionDidStart() {
          executed = true;
        },
        async willSendResponse({ contextValue, response, operation, operationName, errors }) {
          // Errors raised while executing belong in the GraphQL body, answered 200: a gateway treats a
          // 4xx from a subgraph as a transport failure and hides the error's code, reason and path.
          // Only a refused request (no valid principal) keeps its 401.
          if (executed) response.http.status = 200;
          if (mod.finish) {
            try {
              await mod.finish(contextValue);
            } catch (err) {
              // Data that could not be audited must not leave: answer with an error instead.
              contextValue.logger.error({ err }, 'request finish failed');
              if (response.body.kind === 'single') {
                response.body.singleResult = { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
              }
            }
          }
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          httpDuration.labels(mod.name, operation?.operation ?? 'unknown', errors?.length ? 'error' : 'ok').observe(seconds);
          observeOperation(mod.name, operationName, seconds, response.body.kind === 'single' ? response.body.singleResult.errors : undefined);
        },
      };
    },
  };
}

/** Serves a subgraph over HTTP; every request must carry the gateway-signed principal. */
export async function serveSubgraph<C extends BaseContext>(mod: SubgraphModule<C>, opts: ServeOptions): Promise<RunningServer> {
  const logger = serviceLogger(opts.logger, mod.name);
  const app = createHttpApp({ logger, ready: () => mod.ready(), metricsToken: opts.metricsToken, production: opts.production, trustRequestId: true });
  const apollo = new ApolloServer<C>({
    schema: buildSchema(mod),
    introspection: !opts.production,
    includeStacktraceInErrorResponses: !opts.production,
    formatError: (formatted, error) => maskError(classifyUnavailable(formatted, error), opts.production),
    // The process's own shutdown (common/platform/process.ts) stops this server in order. Apollo's handler
    // would race it: its stop() and ours then wait on each other, and SIGTERM ended in exit 1.
    stopOnTerminationSignals: false,
    // The gateway sends one request's parallel reads of this subgraph as one batch (gateway/fetch-batching.ts):
    // one context, so one DataLoader serves them all.
    allowBatchedHttpRequests: true,
    plugins: [fastifyApolloDrainPlugin(app), finishPlugin(mod), errorReportingPlugin(mod.name, logger), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const handler = fastifyApolloHandler(apollo, {
    context: async (request) => {
      const header = request.headers[PRINCIPAL_HEADER];
      const principal = await verifyPrincipal(Array.isArray(header) ? header[0] : header, opts.gatewaySecret);
      const requestId = currentRequestId() ?? randomUUID();
      // A lost database connection while building the context is retryable, not an internal failure.
      return Promise.resolve(mod.context({ principal, requestId, logger: logger.child({ requestId }) })).catch((err: unknown) => {
        throw asServiceUnavailable(err);
      });
    },
  });
  app.route({
    url: '/graphql',
    method: [...GRAPHQL_METHODS],
    preHandler: async (request, reply) => {
      subgraphHttpRequests.labels(mod.name).inc();
      if (Array.isArray(request.body) && request.body.length > MAX_BATCH) {
        const refusal = { errors: [{ message: `At most ${MAX_BATCH} operations in one batch`, extensions: { code: 'BAD_REQUEST' } }] };
        return reply.code(400).type('application/json').send(JSON.stringify(refusal));
      }
    },
    handler,
  });
  refuseOtherMethods(app, '/graphql');
  mod.routes?.(app);
  const url = await listen(app, opts.host, opts.port);
  for (const b of mod.background ?? []) await b.start();
  return {
    url: `${url}/graphql`,
    close: async () => {
      for (const b of mod.background ?? []) await b.stop();
      await app.close();
      await apollo.stop();
    },
  };
}

export interface SubgraphDeps {
  db: Database;
  connection: Connection;
  config: Config;
  logger: Logger;
  /** The clock every rule reads; tests move it to walk through days. */
  clock: Clock;
}

/** What it takes to run a subgraph anywhere: its name, its migrations and how to build it on a database. */
// Each subgraph has its own context type; whoever runs it only needs the server to be generic over it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface SubgraphFactory<M extends SubgraphModule<any> = SubgraphModule<any>> {
  name: SubgraphName;
  migrations: string;
  create(deps: SubgraphDeps): Promise<M>;
}
