import { decodeCursor, pageSize, toPage } from '../../../../../common/platform/pagination.js';
import type { PersonResolvers } from '../../../__generated__/resolvers-types.js';
import { auditRows } from '../../shared/audit.js';
import { instantWindow } from '../../../../../common/domain/windows.js';

export const scans: NonNullable<PersonResolvers['scans']> = async (person, args, ctx) => {
  const [from, to] = instantWindow(args.from, args.to);
  const size = pageSize(args.first, 50);
  const after = decodeCursor(args.after, ['timestamp', 'uuid']);
  const rows = await ctx.repo.checkpoints.scansIn({ personId: person.id }, from, to, size + 1, after);
  auditRows(ctx, [{ personId: person.id }], 'scans');
  return toPage(rows, size, (r) => [r.at, r.id]);
};
