import type { ColorReasonResolvers } from '../../../__generated__/resolvers-types.js';
import type { Reason } from '../../../domain/rules.js';
import { basisOf } from '../../designations/report.js';

// Codes stored before gx-2026.1 carry no correction days: nothing awaits a correction there.
const correctionDays = (r: Reason) => (r as Partial<Reason>).correctionDays ?? [];

export const ColorReason: ColorReasonResolvers = {
  correctionDays,
  // The resident sees the basis, the commission and how to appeal (issue 26).
  basis: async (r, _args, ctx) => {
    if (!r.designationId) return null;
    const d = await ctx.loaders.designationById.load(r.designationId);
    return d ? basisOf(d, ctx.provinceCode) : null;
  },
  correctionPending: (r) => correctionDays(r).length > 0,
};
