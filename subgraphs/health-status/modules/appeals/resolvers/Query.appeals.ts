import { decodeCursor, pageSize, toPage } from '../../../../../common/platform/pagination.js';
import { auditRows } from '../../shared/audit.js';
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const appeals: NonNullable<QueryResolvers['appeals']> = async (_root, args, ctx) => {
  const size = pageSize(args.first, 50);
  const after = decodeCursor(args.after, ['timestamp', 'uuid']);
  const rows = await ctx.repo.appeals.appealsByStatus(args.status ?? 'OPEN', size + 1, after);
  auditRows(ctx, rows.slice(0, size), 'appeals');
  return toPage(rows, size, (r) => [r.filedAt, r.id]);
};
