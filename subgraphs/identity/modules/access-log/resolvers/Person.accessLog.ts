import { decodeCursor, pageSize, toPage } from '../../../../../common/platform/pagination.js';
import type { PersonResolvers } from '../../../__generated__/resolvers-types.js';

/**
 * The person's own business: the person and their guardians read it, and no one's read of it is
 * logged. The consumer is brought up to date first, so a read a moment ago is already there.
 */
export const accessLog: NonNullable<PersonResolvers['accessLog']> = async (p, args, ctx) => {
  await ctx.access.assertMayActFor(p.id, "read this person's access log");
  const size = pageSize(args.first);
  const after = decodeCursor(args.after, ['timestamp', 'name', 'integer']);
  await ctx.accessLogConsumer.fresh();
  const rows = await ctx.repo.accessLog.of(p.id, size + 1, after);
  return toPage(rows, size, (r) => [r.at, r.stream, String(r.eventId)]);
};
