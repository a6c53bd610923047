import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { registerPerson as register } from '../registration.service.js';

export const registerPerson: NonNullable<MutationResolvers['registerPerson']> = async (_root, { input }, ctx) => {
  const { person, created } = await register(ctx, input);
  ctx.loaders.person.prime(person.id, person);
  return { person, created };
};
