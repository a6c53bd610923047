import { defineSubgraph } from '../../common/platform/define-subgraph.js';
import { consumerSpec } from '../../common/platform/events/typed.js';
import { personDeletedHandler, retentionJobOf } from '../../common/domain/retention.js';
import { declarationsLoaders } from './context.js';
import { DeclarationsRepository } from './db/repository.js';
import { resolvers } from './modules/index.js';

/** The declarations subgraph: daily health declarations, by the person or a guardian. */
export const declarationsFactory = defineSubgraph({
  name: 'declarations',
  url: import.meta.url,
  resolvers,
  deps: ({ db, events, clock, config, logger }) => {
    const repo = new DeclarationsRepository(db);
    return { repo, events, clock, secrets: config.secrets, retention: retentionJobOf('declarations', repo, config.retention, clock, logger) };
  },
  // The projection is brought up to date first, so a household change made a moment ago counts.
  consumes: ({ repo }) =>
    consumerSpec('declarations', 'declarations', {
      ...repo.accessEvents,
      // A resident deleted their account: their declarations go (the counts per day stay).
      PersonDeleted: personDeletedHandler('declarations', repo, (personId, tx) => repo.retention.deletePerson(personId, tx)),
    }),
  viewer: ({ repo }) => (principal, pending) => repo.viewer(principal, pending),
  loaders: declarationsLoaders,
  // Personal data past its end date, deleted in batches at start and after each local midnight.
  background: ({ retention }) => [retention.schedule()],
});
