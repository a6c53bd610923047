import type { HealthCodeResolvers } from '../../../__generated__/resolvers-types.js';
import type { Reason } from '../../../domain/rules.js';
import { tokenOf } from '../codes.service.js';

export const HealthCode: HealthCodeResolvers = {
  color: (v) => v.code.color,
  reasons: (v) => v.code.reasons as Reason[],
  normalDays: (v) => v.code.normalDays,
  greenOn: (v) => v.code.greenOn,
  ruleVersion: (v) => v.code.ruleVersion,
  evaluatedAt: (v) => v.code.evaluatedAt,
  token: async (v, _args, ctx) => (await tokenOf(ctx, v)).token,
  expiresAt: async (v, _args, ctx) => (await tokenOf(ctx, v)).expiresAt.toISOString(),
};
