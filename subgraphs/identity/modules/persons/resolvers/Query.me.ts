import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const me: NonNullable<QueryResolvers['me']> = async (_root, _args, ctx) => {
  const { personId, dependents } = await ctx.access.viewer();
  if (!personId) return null;
  // The household is read with the person (one statement): a resident opening their code asks for it.
  const [person] = await ctx.loaders.person.loadMany([personId, ...dependents]);
  return person instanceof Error ? Promise.reject(person) : (person ?? null);
};
