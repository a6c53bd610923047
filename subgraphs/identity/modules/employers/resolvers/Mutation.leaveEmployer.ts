import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { leaveEmployer as leave } from '../employers.service.js';

export const leaveEmployer: NonNullable<MutationResolvers['leaveEmployer']> = async (_root, args, ctx) => {
  const { employer, personId } = await leave(ctx, args.creditCode);
  return { employer, person: (await ctx.loaders.person.load(personId))! };
};
