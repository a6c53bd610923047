import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';
import { scansPerCheckpoint as perCheckpoint } from '../dashboards.service.js';

export const scansPerCheckpoint: NonNullable<QueryResolvers['scansPerCheckpoint']> = (_root, args, ctx) => perCheckpoint(ctx, args.from, args.to);
