import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { designateRisk as designate } from '../designations.service.js';

export const designateRisk: NonNullable<MutationResolvers['designateRisk']> = async (_root, { input }, ctx) => {
  const designation = await designate(ctx, input);
  return { designation, person: { id: designation.personId } };
};
