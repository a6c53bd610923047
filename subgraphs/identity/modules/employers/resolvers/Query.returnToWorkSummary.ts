import { suppressSmall } from '../../../../../common/domain/aggregates.js';
import { newId } from '../../../../../common/platform/ids.js';
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';
import { staffListRef } from '../employers.service.js';

/**
 * The staff as they are now; the colours and declarations are counted by the subgraphs that own
 * them, from `members`: every member's id sealed for this employer and this read (see the SDL).
 */
export const returnToWorkSummary: NonNullable<QueryResolvers['returnToWorkSummary']> = async (_root, _args, ctx) => {
  const ids = await ctx.repo.employers.staffIds(ctx.principal.subject);
  return { id: newId(), staff: suppressSmall(ids.length), members: staffListRef(ctx, ids) };
};
