import type { SQL } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Access, NO_VIEWER, type Viewer } from '../domain/access.js';
import { AuditCollector, type AuditRecord } from './audit.js';
import type { Clock } from './clock.js';
import type { Config, SubgraphName } from './config.js';
import { localDate } from '../domain/dates.js';
import { ping, type Database } from './db.js';
import { EventConsumer } from './events/consumer.js';
import { eventTransport } from './events/select.js';
import type { ConsumerSpec, EventTransport } from './events/transport.js';
import { KeyRing } from './keys.js';
import type { Logger } from './logger.js';
import { PRINCIPAL_HEADER, verifyPrincipal, type Principal } from '../domain/principal.js';
import { subgraphSdl } from './sdl.js';
import type { BaseContext, SubgraphDeps, SubgraphFactory, SubgraphModule } from './subgraph.js';

/** What every subgraph's dependencies hold: a repository that can write audit rows, and the clock. */
export interface CoreDeps {
  repo: { readonly db: Database; audit(entries: AuditRecord[]): Promise<void> };
  clock: Clock;
}

/** What a request's context holds in every subgraph, beside the subgraph's own dependencies and loaders. */
export type RequestContext<D extends CoreDeps> = BaseContext &
  D & {
    /** The province's local date of this request (UTC+8), from the clock. */
    today: string;
    /** Read-audit rows collected while resolving; written in one statement before the response leaves. */
    audit: AuditCollector;
    access: Access;
    /** Read-your-writes: brings this subgraph's copy of other subgraphs' events up to date, once per request. */
    fresh: () => Promise<void>;
    /**
     * Read-your-writes folded into a read: `read` puts the pending check (when given) in its own
     * select list, so a request whose subgraph is up to date pays no round trip for the check. When
     * something was pending the consumer catches up, and the read is repeated if one of the streams
     * it `dependsOn` was among them (all streams when not said).
     */
    freshRead: <T>(read: (pending: SQL<string[]> | undefined) => Promise<FreshRead<T>>, dependsOn?: readonly string[]) => Promise<T>;
  };

/** A read that carried the pending check: its value and the streams pending at its snapshot (null: no row to tell). */
export interface FreshRead<T> {
  value: T;
  pending: readonly string[] | null;
}

export type SubgraphContext<D extends CoreDeps, L> = RequestContext<D> & { loaders: L };

/**
 * What the assembler has built from the configuration before a subgraph's `deps` sees it: the one
 * place that reads EVENT_TRANSPORT, EVENTS_POLL_MS and CODE_SIGNING_KEYS, so no subgraph can differ.
 */
export interface Wiring {
  db: Database;
  config: Config;
  logger: Logger;
  clock: Clock;
  /** The transport `EVENT_TRANSPORT` names (PostgreSQL outboxes or NATS JetStream). */
  events: EventTransport;
  /** The code-signing keys (`CODE_SIGNING_KEYS`). */
  keys: KeyRing;
  /** A consumer of other subgraphs' events on `events`, polling at `EVENTS_POLL_MS`. */
  consumer(spec: ConsumerSpec): EventConsumer;
}

/** A subgraph as its `index.ts` declares it: what it is, never how it is wired. */
export interface SubgraphDefinition<D extends CoreDeps, L> {
  name: SubgraphName;
  /** The `index.ts`'s `import.meta.url`: the SDL parts and `db/migrations` are found beside it. */
  url: string;
  /** The codegen-typed resolver map (joined from the feature modules). */
  resolvers: object;
  /** The subgraph's own dependencies (repositories, settings), built on what the assembler wired. */
  deps(wiring: Wiring): D;
  /**
   * Applies other subgraphs' events (typed handlers, see `common/platform/events/handlers.ts`); requests call
   * `fresh()` first. The assembler runs it on the configured transport and starts and stops it.
   */
  consumes?(deps: D, wiring: Wiring): ConsumerSpec;
  /** Who a channel user is and whom they act for; subgraphs without personal data leave it out. */
  viewer?: (deps: D) => (principal: Principal, pending: SQL<string[]> | undefined) => Promise<FreshRead<Viewer>>;
  /** The request's DataLoaders (and once-per-request reads), built with the context they serve. */
  loaders(ctx: RequestContext<D>): L;
  /** Public HTTP routes beside GraphQL (e.g. revocation lists). */
  routes?(deps: D): (app: FastifyInstance) => void;
  /** Routes only the gateway may call: the assembler refuses any request without its signed principal header (401). */
  internalRoutes?(deps: D): (app: FastifyInstance) => void;
  /** Schedules beside the consumer (e.g. the daily rollover). */
  background?(deps: D, wiring: Wiring): { start(): Promise<void>; stop(): Promise<void> }[];
}

/**
 * The one assembler every subgraph's `index.ts` calls. At start-up it builds what the configuration
 * says (event transport, consumer, key ring), the guard on internal routes and the per-request
 * context (clock, local date, access with a fresh projection, loaders), the read-audit drain (so no
 * subgraph can forget it), read-your-writes and the event consumer's life cycle. The HTTP shell and
 * the principal check are `serveSubgraph`'s, the process entry (tracing first) `runSubgraphProcess`'s.
 */
export function defineSubgraph<D extends CoreDeps, L>(def: SubgraphDefinition<D, L>): SubgraphFactory<SubgraphModule<SubgraphContext<D, L>>> {
  return {
    name: def.name,
    migrations: new URL('./db/migrations', def.url).pathname,
    create: async ({ db, connection, config, logger, clock }: SubgraphDeps) => {
      const events = eventTransport(config.eventTransport, db, connection);
      const wiring: Wiring = {
        db,
        config,
        logger,
        clock,
        events,
        keys: await KeyRing.from(config.secrets.codeSigningKeys),
        consumer: (spec) => new EventConsumer(events, spec, logger, { pollMs: config.eventsPollMs }),
      };
      const deps = def.deps(wiring);
      const consumer = def.consumes ? wiring.consumer(def.consumes(deps, wiring)) : undefined;
      const routes = def.routes?.(deps);
      const internal = def.internalRoutes?.(deps);
      return {
        ...assemble(def, deps, consumer, def.viewer?.(deps)),
        routes:
          routes || internal
            ? (app) => {
                routes?.(app);
                if (internal) guarded(app, config.secrets.gatewaySecret, internal);
              }
            : undefined,
        background: [...(consumer ? [consumer] : []), ...(def.background?.(deps, wiring) ?? [])],
      };
    },
  };
}

/** Registers `routes` in their own scope, behind a check of the gateway-signed principal header. */
function guarded(app: FastifyInstance, gatewaySecret: string, routes: (app: FastifyInstance) => void): void {
  void app.register(async (scope) => {
    scope.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
      const header = req.headers[PRINCIPAL_HEADER];
      try {
        await verifyPrincipal(Array.isArray(header) ? header[0] : header, gatewaySecret);
      } catch {
        return reply.code(401).send({ error: 'gateway signature required' });
      }
    });
    routes(scope);
  });
}

type Viewing = (principal: Principal, pending: SQL<string[]> | undefined) => Promise<FreshRead<Viewer>>;

/** The module a request sees: its context (with read-your-writes), the audit drain and readiness. */
function assemble<D extends CoreDeps, L>(def: SubgraphDefinition<D, L>, deps: D, consumer: EventConsumer | undefined, viewer: Viewing | undefined): SubgraphModule<SubgraphContext<D, L>> {
  return {
    name: def.name,
    typeDefs: subgraphSdl(new URL('.', def.url)),
    resolvers: def.resolvers,
    context: (base: BaseContext) => {
      const audit = new AuditCollector(base.principal);
      let freshOnce: Promise<void> | undefined;
      const fresh = () => (freshOnce ??= consumer ? consumer.fresh() : Promise.resolve());
      const freshRead = async <T>(read: (pending: SQL<string[]> | undefined) => Promise<FreshRead<T>>, dependsOn?: readonly string[]): Promise<T> => {
        const check = !freshOnce && consumer ? consumer.pendingStreams() : undefined;
        if (!check) return (await fresh(), (await read(undefined)).value);
        const first = await read(check);
        if (first.pending === null) return (await fresh(), (await read(undefined)).value);
        if (!first.pending.length) {
          freshOnce ??= Promise.resolve();
          return first.value;
        }
        await (freshOnce ??= consumer!.catchUp().then(() => undefined));
        const stale = !dependsOn || first.pending.some((s) => dependsOn.includes(s));
        return stale ? (await read(undefined)).value : first.value;
      };
      // Who may act for whom is identity's: only its stream makes a viewer read stale.
      const load = viewer ? () => freshRead((pending) => viewer(base.principal, pending), ['identity']) : async () => NO_VIEWER;
      const ctx: RequestContext<D> = { ...base, ...deps, today: localDate(deps.clock()), audit, fresh, freshRead, access: new Access(base.principal, load, audit) };
      return { ...ctx, loaders: def.loaders(ctx) };
    },
    finish: async (ctx) => deps.repo.audit(ctx.audit.drain()),
    ready: () => ping(deps.repo.db),
  };
}
