import type { CheckpointScanCountResolvers } from '../../../__generated__/resolvers-types.js';

export const CheckpointScanCount: CheckpointScanCountResolvers = {
  checkpoint: async (c, _args, ctx) => (await ctx.loaders.checkpoints.load(c.checkpointId))!,
};
