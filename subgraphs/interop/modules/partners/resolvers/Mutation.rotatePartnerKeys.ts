import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { rotatePartnerKeys as rotate } from '../partners.service.js';

export const rotatePartnerKeys: NonNullable<MutationResolvers['rotatePartnerKeys']> = (_root, args, ctx) => rotate(ctx, args.code, args.keys, args.retireAfter);
