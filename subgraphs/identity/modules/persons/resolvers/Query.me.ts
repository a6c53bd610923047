import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const me: NonNullable<QueryResolvers['me']> = async (_root, _args, ctx) => {
  // The person with their household, and so the viewer, in one statement: a resident opening their
  // code asks for the household too.
  return (await ctx.loaders.household())?.self ?? null;
};
