import type { PartnerResolvers } from '../../../__generated__/resolvers-types.js';

export const Partner: PartnerResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.partner.load(ref.code),
  keys: (p) => p.jwks,
  registeredAt: (p) => p.createdAt,
};
