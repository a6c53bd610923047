import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { verifyForeignCode } from './resolvers/Mutation.verifyForeignCode.js';

/** Mutual recognition: a checkpoint verifies another province's signed code. */
export const foreignCodesModule: Resolvers = { Mutation: { verifyForeignCode } };
