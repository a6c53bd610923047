import { DateTimeScalar } from '../../../common/scalars.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    partners: (_root, _args, ctx) => ctx.repo.listPartners(),
  },
  Partner: {
    __resolveReference: (ref, ctx) => ctx.loaders.partner.load(ref.code),
    registeredAt: (p) => p.createdAt,
  },
};
