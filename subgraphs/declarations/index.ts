import { defineSubgraph } from '../../common/platform/define-subgraph.js';
import { consumerSpec } from '../../common/platform/events/typed.js';
import { declarationsLoaders } from './context.js';
import { DeclarationsRepository } from './db/repository.js';
import { resolvers } from './modules/index.js';

/** The declarations subgraph: daily health declarations, by the person or a guardian. */
export const declarationsFactory = defineSubgraph({
  name: 'declarations',
  url: import.meta.url,
  resolvers,
  deps: ({ db, events, clock, config }) => ({ repo: new DeclarationsRepository(db), events, clock, secrets: config.secrets }),
  // The projection is brought up to date first, so a household change made a moment ago counts.
  consumes: ({ repo }) => consumerSpec('declarations', 'declarations', repo.accessEvents),
  viewer: ({ repo }) => (principal, pending) => repo.viewer(principal, pending),
  loaders: declarationsLoaders,
});
