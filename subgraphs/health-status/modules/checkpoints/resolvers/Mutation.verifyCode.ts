import { sealCodeHolder } from '../../../../../common/domain/code-holder.js';
import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { verifyCode as verify } from '../scans.service.js';

export const verifyCode: NonNullable<MutationResolvers['verifyCode']> = async (_root, { input }, ctx) => {
  const outcome = await verify(ctx, input);
  // A pseudonym, never the person id: see CodeHolder in the SDL.
  return { ...outcome, person: outcome.person ? { id: sealCodeHolder(ctx.secrets.documentIndexKey, outcome.person.personId) } : null };
};
