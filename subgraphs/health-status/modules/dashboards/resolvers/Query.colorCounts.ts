import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';
import { colorCounts as counts } from '../dashboards.service.js';

export const colorCounts: NonNullable<QueryResolvers['colorCounts']> = (_root, args, ctx) => counts(ctx, args.level ?? 'CITY');
