import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { designateRisks as designateMany } from '../designations.service.js';

export const designateRisks: NonNullable<MutationResolvers['designateRisks']> = (_root, { input }, ctx) => designateMany(ctx, input);
