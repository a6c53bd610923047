import { GraphQLScalarType } from 'graphql';
import { DateTimeScalar } from '../../../common/scalars.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { verifyForeignCode } from './foreign-codes/foreign.service.js';
import { registerPartner, rotatePartnerKeys, setPartnerStatus } from './partners/partners.service.js';
import { requestResidentStatus, submitTravellerStatus } from './status/status.service.js';
import { trustList } from './partners/trust.service.js';

/** Arbitrary JSON (JWKS); the services validate its shape. */
const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (v) => v,
  parseValue: (v) => v,
});

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
  Query: {
    partners: (_root, _args, ctx) => ctx.repo.listPartners(),
    trustList: (_root, _args, ctx) => trustList(ctx),
  },
  Mutation: {
    registerPartner: (_root, { input }, ctx) => registerPartner(ctx, input),
    rotatePartnerKeys: (_root, args, ctx) => rotatePartnerKeys(ctx, args.code, args.keys, args.retireAfter),
    suspendPartner: (_root, args, ctx) => setPartnerStatus(ctx, args.code, 'SUSPENDED'),
    reinstatePartner: (_root, args, ctx) => setPartnerStatus(ctx, args.code, 'ACTIVE'),
    requestResidentStatus: (_root, { input }, ctx) => requestResidentStatus(ctx, input),
    submitTravellerStatus: (_root, { input }, ctx) => submitTravellerStatus(ctx, input),
    verifyForeignCode: (_root, args, ctx) => verifyForeignCode(ctx, args.token),
  },
  Partner: {
    __resolveReference: (ref, ctx) => ctx.loaders.partner.load(ref.code),
    keys: (p) => p.jwks,
    registeredAt: (p) => p.createdAt,
  },
};
