import { GraphQLScalarType } from 'graphql';
import { DateTimeScalar } from '../../../common/scalars.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { verifyForeignCode } from './foreign-codes/resolvers/Mutation.verifyForeignCode.js';
import { registerPartner } from './partners/resolvers/Mutation.registerPartner.js';
import { reinstatePartner } from './partners/resolvers/Mutation.reinstatePartner.js';
import { rotatePartnerKeys } from './partners/resolvers/Mutation.rotatePartnerKeys.js';
import { suspendPartner } from './partners/resolvers/Mutation.suspendPartner.js';
import { Partner } from './partners/resolvers/Partner.js';
import { partners } from './partners/resolvers/Query.partners.js';
import { trustList } from './partners/resolvers/Query.trustList.js';
import { requestResidentStatus } from './status/resolvers/Mutation.requestResidentStatus.js';
import { submitTravellerStatus } from './status/resolvers/Mutation.submitTravellerStatus.js';

/** Arbitrary JSON (JWKS); the services validate its shape. */
const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (v) => v,
  parseValue: (v) => v,
});

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
  Query: { partners, trustList },
  Mutation: { registerPartner, rotatePartnerKeys, suspendPartner, reinstatePartner, requestResidentStatus, submitTravellerStatus, verifyForeignCode },
  Partner,
};
