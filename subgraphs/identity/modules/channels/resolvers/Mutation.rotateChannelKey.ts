import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { rotateChannelKey as rotate } from '../onboarding.service.js';

export const rotateChannelKey: NonNullable<MutationResolvers['rotateChannelKey']> = (_root, { code, retireOldAt }, ctx) => rotate(ctx, code, retireOldAt);
