import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { verifyIdentityCode } from './resolvers/Mutation.verifyIdentityCode.js';
import { Person } from './resolvers/Person.js';

/** Electronic identity codes: issued on a person, verified by a checkpoint. */
export const identityCodesModule: Resolvers = { Mutation: { verifyIdentityCode }, Person };
