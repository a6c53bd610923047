import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { issuePaperCode as issue } from '../paper-codes.service.js';

export const issuePaperCode: NonNullable<MutationResolvers['issuePaperCode']> = (_root, args, ctx) => issue(ctx, args.personId, args.validDays ?? 30);
