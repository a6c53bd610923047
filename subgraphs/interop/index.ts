import { defineSubgraph } from '../../common/platform/define-subgraph.js';
import { consumerSpec } from '../../common/platform/events/typed.js';
import { personDeletedHandler, retentionJobOf } from '../../common/domain/retention.js';
import { interopLoaders } from './context.js';
import { InteropRepository } from './db/repository.js';
import { resolvers } from './modules/index.js';
import { partnerTrust } from './modules/partners/trust.service.js';

/** The interop subgraph: partner provinces, mutual recognition of codes, attestations. */
export const interopFactory = defineSubgraph({
  name: 'interop',
  url: import.meta.url,
  resolvers,
  deps: ({ db, events, keys, clock, config }) => ({ repo: new InteropRepository(db), events, keys, secrets: config.secrets, provinceCode: config.provinceCode, clock }),
  // Identity's registrations and health-status's colour changes; requests call `fresh()` first.
  consumes: ({ repo }) =>
    consumerSpec('interop', 'interop', {
      ...repo.status.events,
      // A resident deleted their account: no partner can ask for them by document any more.
      PersonDeleted: personDeletedHandler('interop', repo, (personId, tx) => repo.status.deleteResident(personId, tx)),
    }),
  loaders: interopLoaders,
  // Personal data past its end date, deleted in batches at start and after each local midnight.
  background: ({ repo, clock }, { config, logger }) => [retentionJobOf('interop', repo, config.retention, clock, logger).schedule()],
  // The gateway authenticates partners' bearer tokens with what only interop knows: their keys,
  // status and rights.
  internalRoutes: (deps) => (app) => {
    app.get<{ Params: { code: string } }>('/internal/partners/:code', async (req, reply) => {
      const trust = await partnerTrust(deps, req.params.code);
      return trust ? trust : reply.code(404).send({ error: 'unknown partner' });
    });
  },
});
