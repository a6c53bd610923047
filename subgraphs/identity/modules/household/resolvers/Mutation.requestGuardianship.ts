import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { requestGuardianship as request } from '../guardianship-requests.service.js';

export const requestGuardianship: NonNullable<MutationResolvers['requestGuardianship']> = (_root, { input }, ctx) => request(ctx, input);
