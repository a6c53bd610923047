import type { RiskDesignationResolvers } from '../../../__generated__/resolvers-types.js';
import { basisOf } from '../report.js';

export const RiskDesignation: RiskDesignationResolvers = {
  basis: (d, _args, ctx) => basisOf(d, ctx.provinceCode),
};
