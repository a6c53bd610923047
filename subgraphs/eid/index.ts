import { defineSubgraph } from '../../common/platform/define-subgraph.js';
import { consumerSpec } from '../../common/platform/events/typed.js';
import { retentionJobOf } from '../../common/domain/retention.js';
import { eidLoaders } from './context.js';
import { EidRepository } from './db/repository.js';
import { resolvers } from './modules/index.js';

/** The eid subgraph: the electronic ID code (电子身份码), added beside the others without changing them. */
export const eidFactory = defineSubgraph({
  name: 'eid',
  url: import.meta.url,
  resolvers,
  deps: ({ db, clock, keys, config }) => ({
    repo: new EidRepository(db),
    clock,
    keys,
    secrets: config.secrets,
    provinceCode: config.provinceCode,
    tokenTtlSeconds: config.codeTokenTtlSeconds,
  }),
  // Who may ask for whose code: a projection of identity's bindings and guardianships.
  consumes: ({ repo }) => consumerSpec('eid', 'eid', repo.accessEvents),
  viewer: ({ repo }) => (principal, pending) => repo.viewer(principal, pending),
  loaders: eidLoaders,
  // Personal data past its end date, deleted in batches at start and after each local midnight.
  background: ({ repo, clock }, { config, logger }) => [retentionJobOf('eid', repo, config.retention, clock, logger).schedule()],
});
