import type { HealthCodeResolvers } from '../../../__generated__/resolvers-types.js';
import type { Reason } from '../../../domain/rules.js';
import { tokenOf } from '../codes.service.js';
import { noticesOf } from '../../designations/report.js';

export const HealthCode: HealthCodeResolvers = {
  color: (v) => v.code.color,
  reasons: (v) => v.code.reasons as Reason[],
  normalDays: (v) => v.code.normalDays,
  greenOn: (v) => v.code.greenOn,
  ruleVersion: (v) => v.code.ruleVersion,
  evaluatedAt: (v) => v.code.evaluatedAt,
  notices: async (v, _args, ctx) => noticesOf(await ctx.loaders.designations.load(v.person.personId), ctx.clock()),
  token: async (v, _args, ctx) => (await tokenOf(ctx, v)).token,
  expiresAt: async (v, _args, ctx) => (await tokenOf(ctx, v)).expiresAt.toISOString(),
};
