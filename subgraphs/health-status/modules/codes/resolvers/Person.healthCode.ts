import { NotFoundError } from '../../../../../common/platform/errors.js';
import type { PersonResolvers } from '../../../__generated__/resolvers-types.js';

/** One keyed read through the request's loader: the stored code, kept current by writes. */
export const healthCode: NonNullable<PersonResolvers['healthCode']> = async (person, _args, ctx) => {
  await ctx.access.assertMayRead(person.id, "this person's code");
  const view = await ctx.loaders.codes.load(person.id);
  if (!view) throw new NotFoundError('This person has no health code yet', { reason: 'UNKNOWN_PERSON' });
  return view;
};
