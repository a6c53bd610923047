import type { ScanResolvers } from '../../../__generated__/resolvers-types.js';

export const Scan: ScanResolvers = {
  checkpoint: async (s, _args, ctx) => (await ctx.loaders.checkpoints.load(s.checkpointId))!,
  person: (s) => (s.personId ? { id: s.personId } : null),
  recordedAt: (s) => s.recordedAt ?? s.at,
  temperature: (s) => (s.temperature === null ? null : Number(s.temperature)),
};
