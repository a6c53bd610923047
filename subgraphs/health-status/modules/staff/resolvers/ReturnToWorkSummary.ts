import { suppressSmallCounts } from '../../../../../common/aggregates.js';
import { openRef } from '../../../../../common/sealed-ref.js';
import type { ReturnToWorkSummaryResolvers } from '../../../__generated__/resolvers-types.js';
import type { CodeView } from '../../codes/codes.service.js';

export const ReturnToWorkSummary: ReturnToWorkSummaryResolvers = {
  // Counts the members identity sealed for this employer and this read, in one batched read of codes.
  __resolveReference: async (ref, ctx) => {
    const opened = 'members' in ref && typeof ref.members === 'string' ? openRef(ctx.secrets.documentIndexKey, 'STAFF', ctx.principal, ref.members, ctx.clock()) : null;
    if (!opened) return null;
    const ids = opened.personId.split(',').filter(Boolean);
    const views = ids.length ? await ctx.loaders.codes.loadMany(ids) : [];
    const cells = { green: 0, yellow: 0, red: 0 };
    for (const v of views) {
      const color = v && !(v instanceof Error) ? (v as CodeView).code.color : 'GREEN';
      cells[color.toLowerCase() as keyof typeof cells] += 1;
    }
    ctx.audit.record('EMPLOYER_SUMMARY', null, { operation: 'returnToWorkSummary', creditCode: ctx.principal.subject, staff: ids.length });
    return { id: ref.id, ...suppressSmallCounts(cells, { totalPublished: true }) };
  },
};
