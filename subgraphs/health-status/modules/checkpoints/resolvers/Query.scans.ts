import { assertId } from '../../../../../common/platform/ids.js';
import { decodeCursor, pageSize, toPage } from '../../../../../common/platform/pagination.js';
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';
import { auditRows } from '../../shared/audit.js';
import { instantWindow } from '../../../../../common/domain/windows.js';

export const scans: NonNullable<QueryResolvers['scans']> = async (_root, args, ctx) => {
  const [from, to] = instantWindow(args.from, args.to);
  const size = pageSize(args.first, 50);
  const after = decodeCursor(args.after, ['timestamp', 'uuid']);
  const rows = await ctx.repo.checkpoints.scansIn({ checkpointId: assertId(args.checkpointId, 'checkpointId') }, from, to, size + 1, after);
  auditRows(ctx, rows.slice(0, size), 'scans');
  return toPage(rows, size, (r) => [r.at, r.id]);
};
