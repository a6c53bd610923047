import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { liftRisk as lift } from '../designations.service.js';

export const liftRisk: NonNullable<MutationResolvers['liftRisk']> = async (_root, args, ctx) => {
  const designation = await lift(ctx, args.designationId, args.note);
  return { designation, person: { id: designation.personId } };
};
