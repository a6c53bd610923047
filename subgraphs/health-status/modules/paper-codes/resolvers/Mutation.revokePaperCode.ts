import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { revokePaperCode as revoke } from '../paper-codes.service.js';

export const revokePaperCode: NonNullable<MutationResolvers['revokePaperCode']> = (_root, args, ctx) => revoke(ctx, args.id);
