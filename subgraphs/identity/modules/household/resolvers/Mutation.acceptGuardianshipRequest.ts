import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { decideGuardianshipRequest } from '../guardianship-requests.service.js';

export const acceptGuardianshipRequest: NonNullable<MutationResolvers['acceptGuardianshipRequest']> = async (_root, { id }, ctx) => {
  const result = await decideGuardianshipRequest(ctx, id, true);
  ctx.loaders.person.prime(result.person.id, result.person);
  return result;
};
