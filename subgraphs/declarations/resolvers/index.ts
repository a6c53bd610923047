import { DateScalar, DateTimeScalar } from '../../../common/scalars.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Declaration } from './Declaration.js';
import { submitDeclaration } from './Mutation/submitDeclaration.js';
import { Person } from './Person.js';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Mutation: { submitDeclaration },
  Person,
  Declaration,
};
