import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { CodeHolder } from './resolvers/CodeHolder.js';
import { registerPerson } from './resolvers/Mutation.registerPerson.js';
import { Person } from './resolvers/Person.js';
import { me } from './resolvers/Query.me.js';
import { person } from './resolvers/Query.person.js';
import { personByDocument } from './resolvers/Query.personByDocument.js';

/** Persons: registration by document, the person record and who may read it, the code holder's view. */
export const personsModule: Resolvers = { Query: { me, person, personByDocument }, Mutation: { registerPerson }, Person, CodeHolder };
