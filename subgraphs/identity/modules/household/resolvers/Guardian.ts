import type { GuardianResolvers } from '../../../__generated__/resolvers-types.js';

export const Guardian: GuardianResolvers = {
  person: async (g, _args, ctx) => (await ctx.loaders.person.load(g.guardianId))!,
  relation: (g) => g.relation,
  since: (g) => g.createdAt,
};
