import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { registerPlace as register } from '../places.service.js';

export const registerPlace: NonNullable<MutationResolvers['registerPlace']> = (_root, { input }, ctx) => register(ctx, input);
