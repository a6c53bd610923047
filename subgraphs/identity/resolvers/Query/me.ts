import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

export const me: NonNullable<QueryResolvers['me']> = async (_root, _args, ctx) => {
  const id = await ctx.viewerPersonId();
  return id ? ctx.loaders.person.load(id) : null;
};
