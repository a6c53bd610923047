import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PERIODIC_SCOPE, statementScope } from '../../../../common/platform/db.js';
import type { ChannelsRepository } from './channels.repository.js';

const usageBody = z
  .array(z.object({ channel: z.string().min(1).max(64), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), outcome: z.string().min(1).max(64), count: z.number().int().positive() }))
  .max(10_000);

/** The internal routes the gateway calls; `defineSubgraph` registers them behind the check of its signed principal header. */
export function channelGatewayRoutes(app: FastifyInstance, channels: ChannelsRepository): void {
  app.get<{ Params: { hash: string } }>('/internal/channel-keys/:hash', async (req, reply) => {
    if (!/^[0-9a-f]{64}$/.test(req.params.hash)) return reply.code(404).send({ error: 'unknown key' });
    const grant = await channels.grant(req.params.hash);
    return grant ?? reply.code(404).send({ error: 'unknown key' });
  });
  // Keys the operators' tool issued (kept by the gateway) still follow their channel's status.
  app.get<{ Params: { code: string } }>('/internal/channel-status/:code', async (req, reply) => {
    const status = await channels.status(req.params.code);
    return status ?? reply.code(404).send({ error: 'unknown channel' });
  });
  app.post('/internal/channel-usage', async (req, reply) => {
    const parsed = usageBody.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send({ error: parsed.error.message });
    // Named, so a statement budget can tell this periodic flush from the operation it happens beside.
    await statementScope.run(PERIODIC_SCOPE, () => channels.addUsage(parsed.data));
    return reply.code(204).send();
  });
}
