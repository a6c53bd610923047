import { maskName } from '../../../../../common/domain/documents/masking.js';
import { decodeCursor, encodeCursor, pageSize } from '../../../../../common/platform/pagination.js';
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';
import { staffRef } from '../employers.service.js';

/**
 * One page of the calling employer's consenting staff, read from the memberships as they are now, so
 * a member who left is gone from the very next read. The cursor is the membership's id, never the person's.
 */
export const staff: NonNullable<QueryResolvers['staff']> = async (_root, args, ctx) => {
  const size = pageSize(args.first, 50);
  const [after] = decodeCursor(args.after, ['uuid']) ?? [];
  const rows = await ctx.repo.employers.staffPage(ctx.principal.subject, size + 1, after);
  const page = rows.slice(0, size);
  for (const r of page) ctx.audit.record('EMPLOYER_READ_STAFF', r.personId, { operation: 'staff', creditCode: ctx.principal.subject });
  return {
    edges: page.map((r) => ({ cursor: encodeCursor([r.id]), node: { id: staffRef(ctx, r.personId), maskedName: maskName(r.name), joinedAt: r.joinedAt } })),
    pageInfo: { hasNextPage: rows.length > size, endCursor: page.length ? encodeCursor([page.at(-1)!.id]) : null },
  };
};
