import { ping } from '../../common/db.js';
import { DECLARATION_EVENTS, STREAMS, type DeclarationRecorded } from '../../common/events/contracts.js';
import { EventConsumer } from '../../common/events/consumer.js';
import { PostgresEventTransport } from '../../common/events/postgres-transport.js';
import type { ConsumerSpec } from '../../common/events/transport.js';
import { loadTypeDefs, type SubgraphFactory, type SubgraphModule } from '../../common/subgraph.js';
import { createContext, type HealthStatusContext, type HealthStatusDeps } from './context.js';
import { HealthStatusRepository } from './db/repository.js';
import { resolvers } from './resolvers/index.js';

export const MIGRATIONS = new URL('./db/migrations', import.meta.url).pathname;

/** What health-status learns from the other subgraphs: households and the person registry, and declarations. */
export function healthStatusConsumerSpec(repo: HealthStatusRepository): ConsumerSpec {
  return {
    name: 'health-status',
    schema: 'health_status',
    streams: [STREAMS.identity, STREAMS.declarations],
    handle: async (tx, event) => {
      if (event.stream === STREAMS.identity) return repo.applyIdentityEvent(tx, event);
      if (event.type === DECLARATION_EVENTS.DeclarationRecorded) return repo.applyDeclaration(tx, event.payload as unknown as DeclarationRecorded);
    },
  };
}

/** The health-status subgraph: risk designations, the colour rules and the signed code. */
export function healthStatusSubgraph(deps: HealthStatusDeps): SubgraphModule<HealthStatusContext> {
  return {
    name: 'health-status',
    typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers,
    context: (base) => createContext(base, deps),
    ready: () => ping(deps.repo.db),
    background: [deps.consumer],
  };
}

export const healthStatusFactory: SubgraphFactory = {
  name: 'health-status',
  migrations: MIGRATIONS,
  create: ({ db, connection, config, logger }) => {
    const repo = new HealthStatusRepository(db);
    const events = new PostgresEventTransport(db, connection);
    const consumer = new EventConsumer(events, healthStatusConsumerSpec(repo), logger, { pollMs: config.eventsPollMs });
    return healthStatusSubgraph({ repo, events, consumer });
  },
};
