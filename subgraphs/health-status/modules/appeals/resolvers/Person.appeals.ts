import { pageSize } from '../../../../../common/platform/pagination.js';
import type { PersonResolvers } from '../../../__generated__/resolvers-types.js';

export const appeals: NonNullable<PersonResolvers['appeals']> = async (person, args, ctx) => {
  const size = pageSize(args.first, 20);
  await ctx.access.assertMayRead(person.id, "this person's appeals");
  return (await ctx.loaders.appeals.load(person.id)).slice(0, size);
};
