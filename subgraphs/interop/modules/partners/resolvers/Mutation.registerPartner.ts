import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { registerPartner as register } from '../partners.service.js';

export const registerPartner: NonNullable<MutationResolvers['registerPartner']> = (_root, { input }, ctx) => register(ctx, input);
