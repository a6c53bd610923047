import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { setChannelStatus } from '../onboarding.service.js';

export const reinstateChannel: NonNullable<MutationResolvers['reinstateChannel']> = (_root, { code }, ctx) => setChannelStatus(ctx, code, 'ACTIVE', null);
