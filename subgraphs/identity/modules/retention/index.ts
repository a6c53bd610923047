import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { deleteMyAccount } from './resolvers/Mutation.deleteMyAccount.js';
import { retentionPolicy } from './resolvers/Query.retentionPolicy.js';

/** Personal data with an end date: the policy, and a resident's deletion of their account. */
export const retentionModule: Resolvers = { Query: { retentionPolicy }, Mutation: { deleteMyAccount } };
