import { ping } from '../../common/db.js';
import { systemActor } from '../../common/audit.js';
import {
  DECLARATION_EVENTS,
  IDENTITY_EVENTS,
  INTEROP_EVENTS,
  STREAMS,
  type DeclarationRecorded,
  type GuardianshipChanged,
  type PersonRegistered,
  type TravellerStatusReceived,
} from '../../common/events/contracts.js';
import { KeyRing } from '../../common/keys.js';
import { EventConsumer } from '../../common/events/consumer.js';
import { PostgresEventTransport } from '../../common/events/postgres-transport.js';
import type { ConsumerSpec } from '../../common/events/transport.js';
import { loadTypeDefs, type SubgraphFactory, type SubgraphModule } from '../../common/subgraph.js';
import { createContext, type HealthStatusContext, type HealthStatusDeps } from './context.js';
import { HealthStatusRepository } from './db/repository.js';
import { resolvers } from './resolvers/index.js';
import { reevaluate, type EvaluationDeps } from './services/evaluation.js';
import { DailyReevaluation } from './services/reevaluator.js';
import { onGuardianshipEnded } from './services/paper.js';
import { onPersonRegistered, onTravellerStatus } from './services/travellers.js';

export const MIGRATIONS = new URL('./db/migrations', import.meta.url).pathname;

/**
 * What health-status learns from the other subgraphs: households and the person registry from
 * identity; declarations, which become day facts and re-evaluate the person's code at once.
 */
export function healthStatusConsumerSpec(repo: HealthStatusRepository, evaluation: EvaluationDeps, clock: () => Date): ConsumerSpec {
  return {
    name: 'health-status',
    schema: 'health_status',
    streams: [STREAMS.identity, STREAMS.declarations, STREAMS.interop],
    handle: async (tx, event) => {
      if (event.stream === STREAMS.identity) {
        // A new person is GREEN; their code is evaluated when first read or first changed.
        await repo.applyIdentityEvent(tx, event);
        if (event.type === IDENTITY_EVENTS.PersonRegistered) await onPersonRegistered(evaluation, tx, event.payload as unknown as PersonRegistered, clock());
        if (event.type === IDENTITY_EVENTS.GuardianshipChanged && !(event.payload as unknown as GuardianshipChanged).active) {
          await onGuardianshipEnded(repo, tx, event.payload as unknown as GuardianshipChanged, clock());
        }
        return;
      }
      if (event.type === INTEROP_EVENTS.TravellerStatusReceived) {
        return onTravellerStatus(evaluation, tx, event.payload as unknown as TravellerStatusReceived, clock());
      }
      if (event.type === DECLARATION_EVENTS.DeclarationRecorded) {
        const d = event.payload as unknown as DeclarationRecorded;
        await repo.applyDeclaration(tx, d);
        await reevaluate(evaluation, tx, [d.personId], clock(), CONSUMER);
      }
    },
  };
}

const CONSUMER = systemActor('health-status/events');

/** The health-status subgraph: risk designations, the colour rules and the signed code. */
export function healthStatusSubgraph(deps: HealthStatusDeps): SubgraphModule<HealthStatusContext> {
  return {
    name: 'health-status',
    typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers,
    context: (base) => createContext(base, deps),
    // The request's read-audit rows (codes, designations, scans, appeals read by others), in one insert.
    finish: async (ctx) => ctx.repo.audit(ctx.audit.drain()),
    ready: () => ping(deps.repo.db),
    background: [deps.consumer, deps.daily],
    // Revocation lists are public: rids name paper codes, never people (the gateway republishes them).
    routes: (app) => {
      app.get<{ Params: { kid: string } }>('/revocations/:kid.json', async (req, reply) => {
        reply.header('cache-control', 'public, max-age=60');
        return { kid: req.params.kid, rids: await deps.repo.revokedRids(req.params.kid, deps.clock()), updatedAt: deps.clock().toISOString() };
      });
    },
  };
}

export const healthStatusFactory: SubgraphFactory = {
  name: 'health-status',
  migrations: MIGRATIONS,
  create: async ({ db, connection, config, logger, clock }) => {
    const repo = new HealthStatusRepository(db);
    const events = new PostgresEventTransport(db, connection);
    const evaluation = { repo, events };
    const consumer = new EventConsumer(events, healthStatusConsumerSpec(repo, evaluation, clock), logger, { pollMs: config.eventsPollMs });
    return healthStatusSubgraph({
      repo,
      events,
      consumer,
      keys: await KeyRing.from(config.secrets.codeSigningKeys),
      secrets: config.secrets,
      provinceCode: config.provinceCode,
      tokenTtlSeconds: config.codeTokenTtlSeconds,
      clock,
      daily: new DailyReevaluation(evaluation, clock, logger),
    });
  },
};
