import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { rejectChannelApplication as reject } from '../onboarding.service.js';

export const rejectChannelApplication: NonNullable<MutationResolvers['rejectChannelApplication']> = (_root, { id, reason }, ctx) => reject(ctx, id, reason);
