import { assertId } from '../../../common/ids.js';
import { decodeCursor, pageSize, toPage } from '../../../common/pagination.js';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { colorCounts, scansPerCheckpoint } from '../services/dashboards.js';
import { window } from '../services/window.js';
import { regionPrefix } from '../domain/regions.js';
import { auditRows } from './audit.js';

export const Query: QueryResolvers = {
  scans: async (_root, args, ctx) => {
    const [from, to] = window(args.from, args.to);
    const size = pageSize(args.first, 50);
    const after = decodeCursor(args.after, ['timestamp', 'uuid']);
    const rows = await ctx.repo.scansIn({ checkpointId: assertId(args.checkpointId, 'checkpointId') }, from, to, size + 1, after);
    auditRows(ctx, rows.slice(0, size), 'scans');
    return toPage(rows, size, (r) => [r.at, r.id]);
  },
  appeals: async (_root, args, ctx) => {
    const size = pageSize(args.first, 50);
    const after = decodeCursor(args.after, ['timestamp', 'uuid']);
    const rows = await ctx.repo.appealsByStatus(args.status ?? 'OPEN', size + 1, after);
    auditRows(ctx, rows.slice(0, size), 'appeals');
    return toPage(rows, size, (r) => [r.filedAt, r.id]);
  },
  checkpoints: async (_root, args, ctx) => {
    const size = pageSize(args.first, 50);
    const after = decodeCursor(args.after, ['timestamp', 'uuid']);
    const prefix = args.region ? regionPrefix(args.region) : undefined;
    const rows = await ctx.repo.listCheckpoints(size + 1, prefix, after);
    return toPage(rows, size, (r) => [r.createdAt, r.id]);
  },
  colorCounts: (_root, args, ctx) => colorCounts(ctx, args.level ?? 'CITY'),
  scansPerCheckpoint: (_root, args, ctx) => scansPerCheckpoint(ctx, args.from, args.to),
};
