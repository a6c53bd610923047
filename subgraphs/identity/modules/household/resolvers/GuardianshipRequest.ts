import type { GuardianshipRequestResolvers } from '../../../__generated__/resolvers-types.js';

export const GuardianshipRequest: GuardianshipRequestResolvers = {
  requesterName: async (r, _args, ctx) => (await ctx.loaders.person.load(r.guardianId))?.name ?? '',
};
