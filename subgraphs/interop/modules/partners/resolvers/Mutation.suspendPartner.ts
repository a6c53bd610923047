import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { setPartnerStatus } from '../partners.service.js';

export const suspendPartner: NonNullable<MutationResolvers['suspendPartner']> = (_root, args, ctx) => setPartnerStatus(ctx, args.code, 'SUSPENDED');
