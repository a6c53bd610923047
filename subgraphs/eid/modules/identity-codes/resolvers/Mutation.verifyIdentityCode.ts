import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { verifyIdentityCode as verify } from '../identity-codes.service.js';

export const verifyIdentityCode: NonNullable<MutationResolvers['verifyIdentityCode']> = (_root, { token }, ctx) => verify(ctx, token);
