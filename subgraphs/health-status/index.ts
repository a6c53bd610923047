import { defineSubgraph } from '../../common/platform/define-subgraph.js';
import { retentionJobOf } from '../../common/domain/retention.js';
import { healthStatusLoaders, type HealthStatusDeps } from './context.js';
import { HealthStatusRepository } from './db/repository.js';
import { resolvers } from './modules/index.js';
import { healthStatusConsumerSpec } from './modules/events.js';
import { DailyReevaluation } from './modules/codes/rollover.js';
import { PlaceVisitPurge } from './modules/places/purge.js';
import { EmergencyLapses } from './modules/designations/lapses.js';
import { revocationRoutes } from './modules/paper-codes/routes.js';

export { healthStatusConsumerSpec };

/** The health-status subgraph: risk designations, the colour rules and the signed code. */
export const healthStatusFactory = defineSubgraph({
  name: 'health-status',
  url: import.meta.url,
  resolvers,
  deps: ({ db, events, keys, clock, config, logger }): HealthStatusDeps => ({
    repo: new HealthStatusRepository(db),
    events,
    keys,
    secrets: config.secrets,
    provinceCode: config.provinceCode,
    tokenTtlSeconds: config.codeTokenTtlSeconds,
    placeVisitRetentionDays: config.placeVisitRetentionDays,
    designationRules: { alerts: config.designationAlerts, emergencyHours: config.designationEmergencyHours },
    logger,
    clock,
  }),
  consumes: ({ repo, events, clock }) => healthStatusConsumerSpec(repo, { repo, events }, clock),
  viewer: ({ repo }) => (principal, pending) => repo.viewer(principal, pending),
  loaders: healthStatusLoaders,
  // The order is part of the module's shape: after the event consumer (index 0), the daily
  // re-evaluation is background[1] and the emergency lapses background[2], as tests reach them;
  // later jobs go after these.
  background: ({ repo, events, clock, provinceCode, placeVisitRetentionDays }, { logger, config }) => [
    new DailyReevaluation({ repo, events }, clock, logger, undefined, retentionJobOf('health-status', repo, config.retention, clock, logger)),
    new EmergencyLapses({ repo, events, provinceCode }, clock, logger),
    new PlaceVisitPurge(repo, clock, logger, placeVisitRetentionDays),
  ],
  routes: (deps) => revocationRoutes(deps),
});
