import type { SQL } from 'drizzle-orm';
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
  viewer?: (principal: Principal, pending: SQL<string[]> | undefined) => Promise<FreshRead<Viewer>>;
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
    routes: def.routes,
    background: [...(consumer ? [consumer] : []), ...(def.background ?? [])],
  };
}
