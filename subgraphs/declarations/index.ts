import { ping } from '../../common/db.js';
import { STREAMS } from '../../common/events/contracts.js';
import { EventConsumer } from '../../common/events/consumer.js';
import { PostgresEventTransport } from '../../common/events/postgres-transport.js';
import { loadTypeDefs, type SubgraphFactory, type SubgraphModule } from '../../common/subgraph.js';
import { createContext, type DeclarationsContext, type DeclarationsDeps } from './context.js';
import { DeclarationsRepository } from './db/repository.js';
import { resolvers } from './resolvers/index.js';

export const MIGRATIONS = new URL('./db/migrations', import.meta.url).pathname;

/** The declarations subgraph: daily health declarations, by the person or a guardian. */
export function declarationsSubgraph(deps: DeclarationsDeps): SubgraphModule<DeclarationsContext> {
  return {
    name: 'declarations',
    typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers,
    context: (base) => createContext(base, deps),
    finish: async (ctx) => ctx.repo.audit(ctx.audit.drain()),
    ready: () => ping(deps.repo.db),
    background: [deps.identityConsumer],
  };
}

export const declarationsFactory: SubgraphFactory = {
  name: 'declarations',
  migrations: MIGRATIONS,
  create: ({ db, connection, config, logger, clock }) => {
    const repo = new DeclarationsRepository(db);
    const events = new PostgresEventTransport(db, connection);
    const identityConsumer = new EventConsumer(
      events,
      { name: 'declarations', schema: 'declarations', streams: [STREAMS.identity], handle: (tx, e) => repo.applyIdentityEvent(tx, e) },
      logger,
      { pollMs: config.eventsPollMs },
    );
    return declarationsSubgraph({ repo, events, identityConsumer, now: clock });
  },
};
