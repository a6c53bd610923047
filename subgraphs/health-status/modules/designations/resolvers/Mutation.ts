import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { designateRisk as designate, designateRisks as designateMany, liftRisk as lift } from '../../services/designations.js';

export const designateRisk: NonNullable<MutationResolvers['designateRisk']> = async (_root, { input }, ctx) => {
  const designation = await designate(ctx, input);
  return { designation, person: { id: designation.personId } };
};

export const designateRisks: NonNullable<MutationResolvers['designateRisks']> = (_root, { input }, ctx) => designateMany(ctx, input);

export const liftRisk: NonNullable<MutationResolvers['liftRisk']> = async (_root, args, ctx) => {
  const designation = await lift(ctx, args.designationId, args.note);
  return { designation, person: { id: designation.personId } };
};
