import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { requestResidentStatus as request } from '../status.service.js';

export const requestResidentStatus: NonNullable<MutationResolvers['requestResidentStatus']> = (_root, { input }, ctx) => request(ctx, input);
