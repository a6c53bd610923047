import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { statementScope } from '../../../../common/db.js';
import { PRINCIPAL_HEADER, verifyPrincipal } from '../../../../common/principal.js';
import type { ChannelsRepository } from './channels.repository.js';

const usageBody = z
  .array(z.object({ channel: z.string().min(1).max(64), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), outcome: z.string().min(1).max(64), count: z.number().int().positive() }))
  .max(10_000);

/** The internal routes the gateway calls, signed with the secret they share (like every subgraph call). */
export function channelGatewayRoutes(app: FastifyInstance, channels: ChannelsRepository, gatewaySecret: string): void {
  const fromGateway = async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers[PRINCIPAL_HEADER];
    try {
      await verifyPrincipal(Array.isArray(header) ? header[0] : header, gatewaySecret);
      return true;
    } catch {
      await reply.code(401).send({ error: 'gateway signature required' });
      return false;
    }
  };
  app.get<{ Params: { hash: string } }>('/internal/channel-keys/:hash', async (req, reply) => {
    if (!(await fromGateway(req, reply))) return reply;
    if (!/^[0-9a-f]{64}$/.test(req.params.hash)) return reply.code(404).send({ error: 'unknown key' });
    const grant = await channels.grant(req.params.hash);
    return grant ?? reply.code(404).send({ error: 'unknown key' });
  });
  // Keys the operators' tool issued (kept by the gateway) still follow their channel's status.
  app.get<{ Params: { code: string } }>('/internal/channel-status/:code', async (req, reply) => {
    if (!(await fromGateway(req, reply))) return reply;
    const status = await channels.status(req.params.code);
    return status ?? reply.code(404).send({ error: 'unknown channel' });
  });
  app.post('/internal/channel-usage', async (req, reply) => {
    if (!(await fromGateway(req, reply))) return reply;
    const parsed = usageBody.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send({ error: parsed.error.message });
    // Named, so a statement budget can tell this periodic flush from the operation it happens beside.
    await statementScope.run('channel-usage', () => channels.addUsage(parsed.data));
    return reply.code(204).send();
  });
}
