import { assertId } from '../../../../../common/platform/ids.js';
import { decodeCursor, pageSize, toPage } from '../../../../../common/platform/pagination.js';
import { instantWindow } from '../../../../../common/domain/windows.js';
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';
import { auditRows } from '../../shared/audit.js';

/** The authority's tracing read of a place: each visitor's read is audited (and reaches their access log). */
export const placeVisits: NonNullable<QueryResolvers['placeVisits']> = async (_root, args, ctx) => {
  const [from, to] = instantWindow(args.from, args.to);
  const size = pageSize(args.first, 50);
  const after = decodeCursor(args.after, ['timestamp', 'uuid']);
  const rows = await ctx.repo.places.visitsAt(assertId(args.placeId, 'placeId'), from, to, size + 1, after);
  auditRows(ctx, rows.slice(0, size), 'placeVisits');
  return toPage(rows, size, (r) => [r.at, r.id]);
};
