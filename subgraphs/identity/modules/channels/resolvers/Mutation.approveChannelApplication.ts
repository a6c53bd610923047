import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { approveChannelApplication as approve } from '../onboarding.service.js';

export const approveChannelApplication: NonNullable<MutationResolvers['approveChannelApplication']> = (_root, { id, code }, ctx) => approve(ctx, id, code);
