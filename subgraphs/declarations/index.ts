import { defineSubgraph } from '../../common/define-subgraph.js';
import { EventConsumer } from '../../common/events/consumer.js';
import { eventTransport } from '../../common/events/select.js';
import { consumerSpec } from '../../common/events/typed.js';
import { subgraphSdl } from '../../common/sdl.js';
import type { SubgraphFactory } from '../../common/subgraph.js';
import { declarationsLoaders, type DeclarationsDeps } from './context.js';
import { DeclarationsRepository } from './db/repository.js';
import { resolvers } from './modules/index.js';

export const MIGRATIONS = new URL('./db/migrations', import.meta.url).pathname;

/** The declarations subgraph: daily health declarations, by the person or a guardian. */
export function declarationsSubgraph(deps: DeclarationsDeps, identityConsumer: EventConsumer) {
  return defineSubgraph({
    name: 'declarations',
    typeDefs: subgraphSdl(new URL('.', import.meta.url)),
    resolvers,
    deps,
    // The projection is brought up to date first, so a household change made a moment ago counts.
    consumer: identityConsumer,
    viewer: (principal, pending) => deps.repo.viewer(principal, pending),
    loaders: declarationsLoaders,
  });
}

export const declarationsFactory: SubgraphFactory = {
  name: 'declarations',
  migrations: MIGRATIONS,
  create: ({ db, connection, config, logger, clock }) => {
    const repo = new DeclarationsRepository(db);
    const events = eventTransport(config.eventTransport, db, connection);
    const identityConsumer = new EventConsumer(events, consumerSpec('declarations', 'declarations', repo.accessEvents), logger, { pollMs: config.eventsPollMs });
    return declarationsSubgraph({ repo, events, clock, secrets: config.secrets }, identityConsumer);
  },
};
