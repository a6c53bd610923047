import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { registerEmployer as register } from '../employers.service.js';

export const registerEmployer: NonNullable<MutationResolvers['registerEmployer']> = (_root, { input }, ctx) => register(ctx, input);
