import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { requestResidentStatus } from './resolvers/Mutation.requestResidentStatus.js';
import { submitTravellerStatus } from './resolvers/Mutation.submitTravellerStatus.js';

/** Partners' status requests about our residents and their statements about travellers, each answered once. */
export const statusModule: Resolvers = { Mutation: { requestResidentStatus, submitTravellerStatus } };
