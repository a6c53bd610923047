import { sealCodeHolder } from '../../../../../common/domain/code-holder.js';
import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { recordRoadCheck as record } from '../road-checks.service.js';

export const recordRoadCheck: NonNullable<MutationResolvers['recordRoadCheck']> = async (_root, { input }, ctx) => {
  const outcome = await record(ctx, input);
  // Pseudonyms, never person ids: see CodeHolder in the SDL.
  const key = ctx.secrets.documentIndexKey;
  return { ...outcome, passengers: outcome.passengers.map((p) => ({ ...p, person: p.person ? { id: sealCodeHolder(key, p.person.personId) } : null })) };
};
