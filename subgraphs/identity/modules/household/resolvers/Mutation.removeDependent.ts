import { assertId } from '../../../../../common/platform/ids.js';
import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { endGuardianship } from '../household.service.js';

export const removeDependent: NonNullable<MutationResolvers['removeDependent']> = async (_root, args, ctx) => {
  const dependentId = assertId(args.personId, 'personId');
  const guardianId = await ctx.access.me();
  await endGuardianship(ctx, guardianId, dependentId, 'REMOVE_DEPENDENT');
  return { removedPersonId: dependentId, guardian: (await ctx.loaders.person.load(guardianId))! };
};
