import type { PersonResolvers } from '../../../__generated__/resolvers-types.js';
import { issueIdentityCode } from '../identity-codes.service.js';

/** The identity fields arrive with the reference (`@requires`); eid stores none of them. */
export const Person: PersonResolvers = {
  __resolveReference: (ref) => ref,
  identityCode: (person, _args, ctx) => issueIdentityCode(ctx, person),
};
