import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { Appeal } from './resolvers/Appeal.js';
import { decideAppeal } from './resolvers/Mutation.decideAppeal.js';
import { fileAppeal } from './resolvers/Mutation.fileAppeal.js';
import { appeals as personAppeals } from './resolvers/Person.appeals.js';
import { appeals } from './resolvers/Query.appeals.js';

/** Appeals (纠错): a resident contests one reason of their colour; the authority decides. */
export const appealsModule: Resolvers = { Query: { appeals }, Mutation: { fileAppeal, decideAppeal }, Person: { appeals: personAppeals }, Appeal };
