import type { FastifyInstance } from 'fastify';
import type { HealthStatusDeps } from '../../context.js';

/** Revocation lists are public: rids name paper codes, never people (the gateway republishes them). */
export function revocationRoutes(deps: Pick<HealthStatusDeps, 'repo' | 'clock'>) {
  return (app: FastifyInstance) => {
    app.get<{ Params: { kid: string } }>('/revocations/:kid.json', async (req, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return { kid: req.params.kid, rids: await deps.repo.paperCodes.revokedRids(req.params.kid, deps.clock()), updatedAt: deps.clock().toISOString() };
    });
  };
}
