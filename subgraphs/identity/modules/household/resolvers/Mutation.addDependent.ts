import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { addDependent as add } from '../household.service.js';

export const addDependent: NonNullable<MutationResolvers['addDependent']> = async (_root, { input }, ctx) => {
  const result = await add(ctx, input);
  ctx.loaders.person.prime(result.dependent.id, result.dependent);
  return result;
};
