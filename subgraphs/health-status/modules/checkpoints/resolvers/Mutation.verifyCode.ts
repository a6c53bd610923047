import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { verifyCode as verify } from '../scans.service.js';

export const verifyCode: NonNullable<MutationResolvers['verifyCode']> = async (_root, { input }, ctx) => {
  const outcome = await verify(ctx, input);
  return { ...outcome, person: outcome.person ? { id: outcome.person.personId } : null };
};
