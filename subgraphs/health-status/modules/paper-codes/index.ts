import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { issuePaperCode } from './resolvers/Mutation.issuePaperCode.js';
import { revokePaperCode } from './resolvers/Mutation.revokePaperCode.js';
import { PaperCode } from './resolvers/PaperCode.js';
import { paperCodes } from './resolvers/Person.paperCodes.js';

/** Paper codes: printed, long-lived tokens a guardian or the authority issues, revocable by id. */
export const paperCodesModule: Resolvers = { Mutation: { issuePaperCode, revokePaperCode }, Person: { paperCodes }, PaperCode };
