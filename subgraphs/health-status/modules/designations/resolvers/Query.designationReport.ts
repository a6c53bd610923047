import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';
import { designationReport as report } from '../report.js';

export const designationReport: NonNullable<QueryResolvers['designationReport']> = (_root, args, ctx) => report(ctx, args.from, args.to);
