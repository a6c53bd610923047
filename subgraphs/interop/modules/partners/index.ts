import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { registerPartner } from './resolvers/Mutation.registerPartner.js';
import { reinstatePartner } from './resolvers/Mutation.reinstatePartner.js';
import { rotatePartnerKeys } from './resolvers/Mutation.rotatePartnerKeys.js';
import { suspendPartner } from './resolvers/Mutation.suspendPartner.js';
import { Partner } from './resolvers/Partner.js';
import { partners } from './resolvers/Query.partners.js';
import { trustList } from './resolvers/Query.trustList.js';

/** Partner provinces: registration, key rotation, suspension, and the trust list others verify with. */
export const partnersModule: Resolvers = { Query: { partners, trustList }, Mutation: { registerPartner, rotatePartnerKeys, suspendPartner, reinstatePartner }, Partner };
