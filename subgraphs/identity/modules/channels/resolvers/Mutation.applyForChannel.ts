import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { applyForChannel as apply } from '../onboarding.service.js';

export const applyForChannel: NonNullable<MutationResolvers['applyForChannel']> = (_root, { input }, ctx) => apply(ctx, input);
