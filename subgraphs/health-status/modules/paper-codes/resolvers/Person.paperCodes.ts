import { pageSize } from '../../../../../common/platform/pagination.js';
import type { PersonResolvers } from '../../../__generated__/resolvers-types.js';

export const paperCodes: NonNullable<PersonResolvers['paperCodes']> = async (person, args, ctx) => {
  const size = pageSize(args.first, 20);
  await ctx.access.assertMayRead(person.id, "this person's paper codes");
  return (await ctx.loaders.paperCodes.load(person.id)).slice(0, size);
};
