import { defineSubgraph } from '../../common/define-subgraph.js';
import { consumerSpec } from '../../common/events/typed.js';
import { EventConsumer } from '../../common/events/consumer.js';
import { eventTransport } from '../../common/events/select.js';
import { KeyRing } from '../../common/keys.js';
import { PRINCIPAL_HEADER, verifyPrincipal } from '../../common/principal.js';
import { subgraphSdl } from '../../common/sdl.js';
import type { SubgraphFactory } from '../../common/subgraph.js';
import { interopLoaders, type InteropDeps } from './context.js';
import { InteropRepository } from './db/repository.js';
import { resolvers } from './modules/index.js';
import { partnerTrust } from './modules/partners/trust.service.js';

export const MIGRATIONS = new URL('./db/migrations', import.meta.url).pathname;

/** The interop subgraph: partner provinces, mutual recognition of codes, attestations. */
export function interopSubgraph(deps: InteropDeps, consumer: EventConsumer, gatewaySecret: string) {
  return defineSubgraph({
    name: 'interop',
    typeDefs: subgraphSdl(new URL('.', import.meta.url)),
    resolvers,
    deps,
    // Identity's registrations and health-status's colour changes; requests call `fresh()` first.
    consumer,
    loaders: interopLoaders,
    // The gateway authenticates partners' bearer tokens with what only interop knows: their keys,
    // status and rights. The route answers the gateway alone (its signed principal header).
    routes: (app) => {
      app.get<{ Params: { code: string } }>('/internal/partners/:code', async (req, reply) => {
        const header = req.headers[PRINCIPAL_HEADER];
        try {
          await verifyPrincipal(Array.isArray(header) ? header[0] : header, gatewaySecret);
        } catch {
          return reply.code(401).send({ error: 'gateway signature required' });
        }
        const trust = await partnerTrust(deps, req.params.code);
        return trust ? trust : reply.code(404).send({ error: 'unknown partner' });
      });
    },
  });
}

export const interopFactory: SubgraphFactory = {
  name: 'interop',
  migrations: MIGRATIONS,
  create: async ({ db, connection, config, logger, clock }) => {
    const repo = new InteropRepository(db);
    const events = eventTransport(config.eventTransport, db, connection);
    const consumer = new EventConsumer(events, consumerSpec('interop', 'interop', repo.events), logger, { pollMs: config.eventsPollMs });
    return interopSubgraph(
      {
        repo,
        events,
        keys: await KeyRing.from(config.secrets.codeSigningKeys),
        secrets: config.secrets,
        provinceCode: config.provinceCode,
        clock,
      },
      consumer,
      config.secrets.gatewaySecret,
    );
  },
};
