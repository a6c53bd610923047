import { decodeCursor, pageSize, toPage } from '../../../../../common/platform/pagination.js';
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';
import { regionPrefix } from '../../../domain/regions.js';

export const checkpoints: NonNullable<QueryResolvers['checkpoints']> = async (_root, args, ctx) => {
  const size = pageSize(args.first, 50);
  const after = decodeCursor(args.after, ['timestamp', 'uuid']);
  const prefix = args.region ? regionPrefix(args.region) : undefined;
  const rows = await ctx.repo.checkpoints.listCheckpoints(size + 1, prefix, after);
  return toPage(rows, size, (r) => [r.createdAt, r.id]);
};
