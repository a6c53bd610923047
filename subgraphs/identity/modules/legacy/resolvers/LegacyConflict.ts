import type { LegacyConflictResolvers } from '../../../__generated__/resolvers-types.js';

export const LegacyConflict: LegacyConflictResolvers = {
  reason: (c) => (typeof c.detail.reason === 'string' ? c.detail.reason : 'UNKNOWN'),
};
