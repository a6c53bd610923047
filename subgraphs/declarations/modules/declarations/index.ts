import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { Declaration } from './resolvers/Declaration.js';
import { submitDeclaration } from './resolvers/Mutation.submitDeclaration.js';
import { Person } from './resolvers/Person.js';

/** Daily declarations, by the person or a guardian: each day's versions and the current one. */
export const declarationsModule: Resolvers = { Mutation: { submitDeclaration }, Person, Declaration };
