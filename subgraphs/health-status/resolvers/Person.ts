import { NotFoundError } from '../../../common/errors.js';
import type { PersonResolvers } from '../__generated__/resolvers-types.js';

export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  healthCode: async (person, _args, ctx) => {
    await ctx.access.assertMayRead(person.id, "this person's code");
    const view = await ctx.loaders.codes.load(person.id);
    if (!view) throw new NotFoundError('This person has no health code yet', { reason: 'UNKNOWN_PERSON' });
    return view;
  },
  riskDesignations: (person, _args, ctx) => ctx.loaders.designations.load(person.id),
};
