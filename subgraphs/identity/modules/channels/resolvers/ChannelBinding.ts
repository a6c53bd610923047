import type { ChannelBindingResolvers } from '../../../__generated__/resolvers-types.js';
import { verificationLevel } from '../../../domain/binding.js';

export const ChannelBinding: ChannelBindingResolvers = {
  // Channel rows are few and cached by the repository per request; see context.
  channel: async (b, _args, ctx) => {
    const all = await ctx.loaders.channels();
    return all.find((c) => c.code === b.channel) ?? { code: b.channel, name: b.channel, kind: 'APP', createdAt: b.boundAt, status: 'ACTIVE', suspendedReason: null, contact: null, h5Origin: null };
  },
  boundAt: (b) => b.boundAt,
  verification: (b) => ({ method: b.verification, level: verificationLevel(b.verification) }),
  current: (b, _args, ctx) => ctx.principal.kind === 'channel' && b.channel === ctx.principal.subject && b.channelUser === ctx.principal.channelUser,
};
