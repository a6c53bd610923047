import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';
import { channelUsage as usage } from '../onboarding.service.js';

export const channelUsage: NonNullable<QueryResolvers['channelUsage']> = (_root, { code, days }, ctx) => usage(ctx, code, days ?? 7);
