import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { joinEmployer as join } from '../employers.service.js';

export const joinEmployer: NonNullable<MutationResolvers['joinEmployer']> = async (_root, args, ctx) => {
  const { employer, personId } = await join(ctx, args.creditCode);
  return { employer, person: (await ctx.loaders.person.load(personId))! };
};
