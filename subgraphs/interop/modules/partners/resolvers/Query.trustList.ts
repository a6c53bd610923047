import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';
import { trustList as list } from '../trust.service.js';

export const trustList: NonNullable<QueryResolvers['trustList']> = (_root, _args, ctx) => list(ctx);
