import { retentionJobOf } from '../../common/retention.js';
import { defineSubgraph } from '../../common/define-subgraph.js';
import { healthStatusLoaders, type HealthStatusDeps } from './context.js';
import { HealthStatusRepository } from './db/repository.js';
import { resolvers } from './modules/index.js';
import { healthStatusConsumerSpec } from './modules/events.js';
import { DailyReevaluation } from './modules/codes/rollover.js';
import { revocationRoutes } from './modules/paper-codes/routes.js';

export { healthStatusConsumerSpec };

/** The health-status subgraph: risk designations, the colour rules and the signed code. */
export const healthStatusFactory = defineSubgraph({
  name: 'health-status',
  url: import.meta.url,
  resolvers,
  deps: ({ db, events, keys, clock, config }): HealthStatusDeps => ({
    repo: new HealthStatusRepository(db),
    events,
    keys,
    secrets: config.secrets,
    provinceCode: config.provinceCode,
    tokenTtlSeconds: config.codeTokenTtlSeconds,
    clock,
  }),
  consumes: ({ repo, events, clock }) => healthStatusConsumerSpec(repo, { repo, events }, clock),
  viewer: ({ repo }) => (principal, pending) => repo.viewer(principal, pending),
  loaders: healthStatusLoaders,
  background: ({ repo, events, clock }, { logger, config }) => [new DailyReevaluation({ repo, events }, clock, logger, undefined, retentionJobOf('health-status', repo, config.retention, clock, logger))],
  routes: (deps) => revocationRoutes(deps),
});
