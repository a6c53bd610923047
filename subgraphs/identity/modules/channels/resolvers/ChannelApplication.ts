import type { ChannelApplicationResolvers } from '../../../__generated__/resolvers-types.js';

export const ChannelApplication: ChannelApplicationResolvers = {
  channel: async (a, _args, ctx) => (a.channelCode ? ((await ctx.loaders.channels()).find((c) => c.code === a.channelCode) ?? null) : null),
};
