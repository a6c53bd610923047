import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { Guardian } from './resolvers/Guardian.js';
import { GuardianshipRequest } from './resolvers/GuardianshipRequest.js';
import { acceptGuardianshipRequest } from './resolvers/Mutation.acceptGuardianshipRequest.js';
import { addDependent } from './resolvers/Mutation.addDependent.js';
import { confirmGuardianshipOnGridVisit } from './resolvers/Mutation.confirmGuardianshipOnGridVisit.js';
import { declineGuardianshipRequest } from './resolvers/Mutation.declineGuardianshipRequest.js';
import { removeDependent } from './resolvers/Mutation.removeDependent.js';
import { removeGuardian } from './resolvers/Mutation.removeGuardian.js';
import { requestGuardianship } from './resolvers/Mutation.requestGuardianship.js';

/** Households (一人一码 for the family): guardians add and remove members, ask and confirm guardianships. */
export const householdModule: Resolvers = {
  Mutation: { addDependent, removeDependent, removeGuardian, requestGuardianship, acceptGuardianshipRequest, declineGuardianshipRequest, confirmGuardianshipOnGridVisit },
  Guardian,
  GuardianshipRequest,
};
