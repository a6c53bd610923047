import { decodeCursor, pageSize, toPage } from '../../../../../common/pagination.js';
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const appeals: NonNullable<QueryResolvers['appeals']> = async (_root, args, ctx) => {
  const size = pageSize(args.first, 50);
  const after = decodeCursor(args.after, 2) as [string, string] | undefined;
  const rows = await ctx.repo.appealsByStatus(args.status ?? 'OPEN', size + 1, after);
  return toPage(rows, size, (r) => [r.filedAt, r.id]);
};
