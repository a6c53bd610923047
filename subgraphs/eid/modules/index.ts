import { DateScalar, DateTimeScalar } from '../../../common/scalars.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { verifyIdentityCode } from './identity-codes/resolvers/Mutation.verifyIdentityCode.js';
import { Person } from './identity-codes/resolvers/Person.js';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Mutation: { verifyIdentityCode },
  Person,
};
