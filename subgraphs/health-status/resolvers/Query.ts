import { BadUserInputError } from '../../../common/errors.js';
import { assertId } from '../../../common/ids.js';
import { decodeCursor, pageSize, toPage } from '../../../common/pagination.js';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';

/** A time window for tracing: `from` before `to`, at most 31 days, so one page never scans a year. */
export function window(from: string, to: string): [string, string] {
  if (Date.parse(from) >= Date.parse(to)) throw new BadUserInputError('from must be before to', { field: 'from', reason: 'BAD_WINDOW' });
  if (Date.parse(to) - Date.parse(from) > 31 * 864e5) throw new BadUserInputError('a window spans at most 31 days', { field: 'to', reason: 'BAD_WINDOW' });
  return [from, to];
}

export const Query: QueryResolvers = {
  scans: async (_root, args, ctx) => {
    const [from, to] = window(args.from, args.to);
    const size = pageSize(args.first, 50);
    const after = decodeCursor(args.after, 2) as [string, string] | undefined;
    const rows = await ctx.repo.scansIn({ checkpointId: assertId(args.checkpointId, 'checkpointId') }, from, to, size + 1, after);
    return toPage(rows, size, (r) => [r.at, r.id]);
  },
  appeals: async (_root, args, ctx) => {
    const size = pageSize(args.first, 50);
    const after = decodeCursor(args.after, 2) as [string, string] | undefined;
    const rows = await ctx.repo.appealsByStatus(args.status ?? 'OPEN', size + 1, after);
    return toPage(rows, size, (r) => [r.filedAt, r.id]);
  },
  checkpoints: (_root, _args, ctx) => ctx.repo.listCheckpoints(),
};
