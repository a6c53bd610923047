import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';
import { placeCheckInsPerHour as perHour } from '../places.dashboards.js';

export const placeCheckInsPerHour: NonNullable<QueryResolvers['placeCheckInsPerHour']> = (_root, args, ctx) => perHour(ctx, args.from, args.to);
