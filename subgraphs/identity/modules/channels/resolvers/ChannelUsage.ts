import type { ChannelUsageResolvers } from '../../../__generated__/resolvers-types.js';

export const ChannelUsage: ChannelUsageResolvers = {
  channel: async (u, _args, ctx) => (await ctx.loaders.channels()).find((c) => c.code === u.channel)!,
};
