import { assertId } from '../../../../../common/platform/ids.js';
import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { endGuardianship } from '../household.service.js';

export const removeGuardian: NonNullable<MutationResolvers['removeGuardian']> = async (_root, args, ctx) => {
  const guardianId = assertId(args.guardianId, 'guardianId');
  const personId = await ctx.access.me();
  await endGuardianship(ctx, guardianId, personId, 'REMOVE_GUARDIAN');
  return { removedGuardianId: guardianId, person: (await ctx.loaders.person.load(personId))! };
};
