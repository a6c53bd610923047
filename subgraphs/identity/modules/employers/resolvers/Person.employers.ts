import type { PersonResolvers } from '../../../__generated__/resolvers-types.js';

export const employers: NonNullable<PersonResolvers['employers']> = async (person, _args, ctx) => {
  await ctx.access.assertMayRead(person.id, "this person's employers");
  return ctx.loaders.employers.load(person.id);
};
