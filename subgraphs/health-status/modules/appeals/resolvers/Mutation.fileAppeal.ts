import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { fileAppeal as file } from '../appeals.service.js';

export const fileAppeal: NonNullable<MutationResolvers['fileAppeal']> = (_root, { input }, ctx) => file(ctx, input);
