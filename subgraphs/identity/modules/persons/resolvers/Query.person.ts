import { assertId } from '../../../../../common/platform/ids.js';
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const person: NonNullable<QueryResolvers['person']> = async (_root, args, ctx) => {
  const id = assertId(args.id, 'id');
  // Access is decided before existence is revealed: a channel learns nothing about other ids.
  await ctx.access.assertMayRead(id);
  return ctx.loaders.person.load(id);
};
