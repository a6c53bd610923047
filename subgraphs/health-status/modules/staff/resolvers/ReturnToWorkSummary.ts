import { suppressBesidePublishedTotal } from '../../../../../common/domain/aggregates.js';
import { openStaffList } from '../../../../../common/domain/sealed-ref.js';
import type { ReturnToWorkSummaryResolvers } from '../../../__generated__/resolvers-types.js';
import type { CodeView } from '../../codes/codes.service.js';

export const ReturnToWorkSummary: ReturnToWorkSummaryResolvers = {
  // Counts the members identity sealed for this employer and this read, in one batched read of codes.
  __resolveReference: async (ref, ctx) => {
    const ids = openStaffList(ctx.secrets.documentIndexKey, ctx.principal, 'members' in ref ? ref.members : null, ctx.clock());
    if (!ids) return null;
    const views = ids.length ? await ctx.loaders.codes.loadMany(ids) : [];
    const cells = { green: 0, yellow: 0, red: 0 };
    for (const v of views) {
      const color = v && !(v instanceof Error) ? (v as CodeView).code.color : 'GREEN';
      cells[color.toLowerCase() as keyof typeof cells] += 1;
    }
    ctx.audit.record('EMPLOYER_SUMMARY', null, { operation: 'returnToWorkSummary', creditCode: ctx.principal.subject, staff: ids.length });
    // The staff total is identity's to publish, so where it would give a colour away the colours go instead.
    return { id: ref.id, ...suppressBesidePublishedTotal(cells) };
  },
};
