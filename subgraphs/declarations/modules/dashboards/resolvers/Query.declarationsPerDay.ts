import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';
import { declarationsPerDay as perDay } from '../dashboards.service.js';

export const declarationsPerDay: NonNullable<QueryResolvers['declarationsPerDay']> = (_root, args, ctx) => perDay(ctx, args.from, args.to);
