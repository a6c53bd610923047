import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { setPartnerStatus } from '../partners.service.js';

export const reinstatePartner: NonNullable<MutationResolvers['reinstatePartner']> = (_root, args, ctx) => setPartnerStatus(ctx, args.code, 'ACTIVE');
