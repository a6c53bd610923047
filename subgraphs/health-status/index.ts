import { KeyRing } from '../../common/keys.js';
import { defineSubgraph } from '../../common/define-subgraph.js';
import { EventConsumer } from '../../common/events/consumer.js';
import { eventTransport } from '../../common/events/select.js';
import { subgraphSdl } from '../../common/sdl.js';
import type { SubgraphFactory } from '../../common/subgraph.js';
import { healthStatusLoaders, type HealthStatusDeps } from './context.js';
import { HealthStatusRepository } from './db/repository.js';
import { resolvers } from './modules/index.js';
import { healthStatusConsumerSpec } from './modules/events.js';
import { DailyReevaluation } from './modules/codes/rollover.js';
import { revocationRoutes } from './modules/paper-codes/routes.js';

export { healthStatusConsumerSpec };
export const MIGRATIONS = new URL('./db/migrations', import.meta.url).pathname;

/** The health-status subgraph: risk designations, the colour rules and the signed code. */
export function healthStatusSubgraph(deps: HealthStatusDeps, consumer: EventConsumer, daily: DailyReevaluation) {
  return defineSubgraph({
    name: 'health-status',
    typeDefs: subgraphSdl(new URL('.', import.meta.url)),
    resolvers,
    deps,
    consumer,
    viewer: (principal, pending) => deps.repo.viewer(principal, pending),
    loaders: healthStatusLoaders,
    background: [daily],
    routes: revocationRoutes(deps),
  });
}

export const healthStatusFactory: SubgraphFactory = {
  name: 'health-status',
  migrations: MIGRATIONS,
  create: async ({ db, connection, config, logger, clock }) => {
    const repo = new HealthStatusRepository(db);
    const events = eventTransport(config.eventTransport, db, connection);
    const evaluation = { repo, events };
    const consumer = new EventConsumer(events, healthStatusConsumerSpec(repo, evaluation, clock), logger, { pollMs: config.eventsPollMs });
    const deps: HealthStatusDeps = {
      repo,
      events,
      keys: await KeyRing.from(config.secrets.codeSigningKeys),
      secrets: config.secrets,
      provinceCode: config.provinceCode,
      tokenTtlSeconds: config.codeTokenTtlSeconds,
      clock,
    };
    return healthStatusSubgraph(deps, consumer, new DailyReevaluation(evaluation, clock, logger));
  },
};
