import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const me: NonNullable<QueryResolvers['me']> = async (_root, _args, ctx) => {
  const { personId } = await ctx.access.viewer();
  return personId ? ctx.loaders.person.load(personId) : null;
};
