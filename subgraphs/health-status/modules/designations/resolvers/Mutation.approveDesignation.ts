import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { approveDesignation as approve } from '../designations.service.js';

export const approveDesignation: NonNullable<MutationResolvers['approveDesignation']> = (_root, args, ctx) => approve(ctx, args);
