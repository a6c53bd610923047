import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { setChannelStatus } from '../onboarding.service.js';

export const suspendChannel: NonNullable<MutationResolvers['suspendChannel']> = (_root, { code, reason }, ctx) => setChannelStatus(ctx, code, 'SUSPENDED', reason);
