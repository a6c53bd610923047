import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { decideAppeal as decide } from '../appeals.service.js';

export const decideAppeal: NonNullable<MutationResolvers['decideAppeal']> = (_root, { input }, ctx) => decide(ctx, input);
