import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { decideAppeal as decide, fileAppeal as file } from '../../services/appeals.js';
import { issuePaperCode as issue, revokePaperCode as revoke } from '../../services/paper.js';

export const fileAppeal: NonNullable<MutationResolvers['fileAppeal']> = (_root, { input }, ctx) => file(ctx, input);
export const decideAppeal: NonNullable<MutationResolvers['decideAppeal']> = (_root, { input }, ctx) => decide(ctx, input);
export const issuePaperCode: NonNullable<MutationResolvers['issuePaperCode']> = (_root, args, ctx) => issue(ctx, args.personId, args.validDays ?? 30);
export const revokePaperCode: NonNullable<MutationResolvers['revokePaperCode']> = (_root, args, ctx) => revoke(ctx, args.id);
