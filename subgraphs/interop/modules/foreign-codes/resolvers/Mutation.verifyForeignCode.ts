import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { verifyForeignCode as verify } from '../foreign.service.js';

export const verifyForeignCode: NonNullable<MutationResolvers['verifyForeignCode']> = (_root, args, ctx) => verify(ctx, args.token);
