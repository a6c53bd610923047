import { decodeCursor, pageSize, toPage } from '../../../../../common/platform/pagination.js';
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const legacyConflicts: NonNullable<QueryResolvers['legacyConflicts']> = async (_root, { vendor, first, after }, ctx) => {
  const size = pageSize(first);
  const afterId = decodeCursor(after, ['uuid'] as const)?.[0];
  const rows = await ctx.repo.legacy.conflicts({ vendor: vendor ?? null, limit: size + 1, afterId });
  return toPage(rows, size, (r) => [r.id]);
};
