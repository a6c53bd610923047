import type { DocumentNode } from 'graphql';
import type { FastifyInstance } from 'fastify';
import { Access, NO_VIEWER, type Viewer } from './access.js';
import { AuditCollector, type AuditRecord } from './audit.js';
import type { Clock } from './clock.js';
import { localDate } from './dates.js';
import { ping, type Database } from './db.js';
import type { EventConsumer } from './events/consumer.js';
import type { Principal } from './principal.js';
import type { BaseContext, SubgraphModule } from './subgraph.js';
import type { SubgraphName } from './config.js';

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
  };

export type SubgraphContext<D extends CoreDeps, L> = RequestContext<D> & { loaders: L };

/** A subgraph as its `index.ts` describes it: its schema, resolvers and what differs from the others. */
export interface SubgraphDefinition<D extends CoreDeps, L> {
  name: SubgraphName;
  typeDefs: DocumentNode;
  /** The codegen-typed resolver map (joined from the feature modules). */
  resolvers: object;
  deps: D;
  /** Applies other subgraphs' events (typed handlers, see `common/events/handlers.ts`); requests call `fresh()` first. */
  consumer?: EventConsumer;
  /** Who a channel user is and whom they act for; subgraphs without personal data leave it out. */
  viewer?: (principal: Principal) => Promise<Viewer>;
  /** The request's DataLoaders (and once-per-request reads), built with the context they serve. */
  loaders(ctx: RequestContext<D>): L;
  routes?(app: FastifyInstance): void;
  /** Schedules beside the consumer (e.g. the daily rollover). */
  background?: { start(): Promise<void>; stop(): Promise<void> }[];
}

/**
 * The one assembler every subgraph's `index.ts` calls: it owns the per-request context (clock, local
 * date, access with a fresh projection, loaders), the read-audit drain (so no subgraph can forget
 * it), read-your-writes and the event consumer's life cycle. The HTTP shell and the principal check
 * are `serveSubgraph`'s, which serves what this returns.
 */
export function defineSubgraph<D extends CoreDeps, L>(def: SubgraphDefinition<D, L>): SubgraphModule<SubgraphContext<D, L>> {
  const { deps, consumer, viewer } = def;
  return {
    name: def.name,
    typeDefs: def.typeDefs,
    resolvers: def.resolvers,
    context: (base) => {
      const audit = new AuditCollector(base.principal);
      let freshOnce: Promise<void> | undefined;
      const fresh = () => (freshOnce ??= consumer ? consumer.fresh() : Promise.resolve());
      const load = viewer ? async () => (await fresh(), viewer(base.principal)) : async () => NO_VIEWER;
      const ctx: RequestContext<D> = { ...base, ...deps, today: localDate(deps.clock()), audit, fresh, access: new Access(base.principal, load, audit) };
      return { ...ctx, loaders: def.loaders(ctx) };
    },
    finish: async (ctx) => deps.repo.audit(ctx.audit.drain()),
    ready: () => ping(deps.repo.db),
    routes: def.routes,
    background: [...(consumer ? [consumer] : []), ...(def.background ?? [])],
  };
}
