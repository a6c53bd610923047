import type { ColorReasonResolvers } from '../../../__generated__/resolvers-types.js';
import type { Reason } from '../../../domain/rules.js';

// Codes stored before gx-2026.1 carry no correction days: nothing awaits a correction there.
const correctionDays = (r: Reason) => (r as Partial<Reason>).correctionDays ?? [];

export const ColorReason: ColorReasonResolvers = {
  correctionDays,
  correctionPending: (r) => correctionDays(r).length > 0,
};
