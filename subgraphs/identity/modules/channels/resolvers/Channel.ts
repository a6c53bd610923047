import type { ChannelResolvers } from '../../../__generated__/resolvers-types.js';

export const Channel: ChannelResolvers = {
  __resolveReference: async (ref, ctx) => (await ctx.loaders.channels()).find((c) => c.code === ref.code) ?? null,
};
