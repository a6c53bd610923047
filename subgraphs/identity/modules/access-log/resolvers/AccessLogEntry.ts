import type { AccessLogEntryResolvers } from '../../../__generated__/resolvers-types.js';
import { organisationOf } from '../../../domain/access-log.js';

export const AccessLogEntry: AccessLogEntryResolvers = {
  at: (r) => r.at,
  role: (r) => r.principalKind,
  organisation: async (r, _args, ctx) => {
    // A channel is shown by its display name in identity's own registry (read once per request).
    const channel = r.principalKind === 'channel' && !r.organisation ? (await ctx.loaders.channels()).find((c) => c.code === r.principalSubject)?.name : undefined;
    return organisationOf(r.principalKind, r.principalSubject, r.organisation ?? channel ?? null);
  },
  action: (r) => r.action,
  operation: (r) => r.operation,
  ticket: (r) => r.ticket,
  what: (r) => r.what,
};
