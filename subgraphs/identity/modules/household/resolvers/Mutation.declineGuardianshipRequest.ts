import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { decideGuardianshipRequest } from '../guardianship-requests.service.js';

export const declineGuardianshipRequest: NonNullable<MutationResolvers['declineGuardianshipRequest']> = async (_root, { id }, ctx) =>
  (await decideGuardianshipRequest(ctx, id, false)).request;
