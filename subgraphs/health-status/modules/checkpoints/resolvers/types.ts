import type { AppealResolvers, CheckpointScanCountResolvers, PaperCodeResolvers, ScanResolvers } from '../__generated__/resolvers-types.js';

export const Scan: ScanResolvers = {
  checkpoint: async (s, _args, ctx) => (await ctx.loaders.checkpoints.load(s.checkpointId))!,
  person: (s) => (s.personId ? { id: s.personId } : null),
  temperature: (s) => (s.temperature === null ? null : Number(s.temperature)),
};

export const Appeal: AppealResolvers = {
  person: (a) => ({ id: a.personId }),
};

export const PaperCode: PaperCodeResolvers = {
  // Only the issuing call carries the token; stored rows never hold it.
  token: (p) => ('token' in p && typeof p.token === 'string' ? p.token : null),
};

export const CheckpointScanCount: CheckpointScanCountResolvers = {
  checkpoint: async (c, _args, ctx) => (await ctx.loaders.checkpoints.load(c.checkpointId))!,
};
