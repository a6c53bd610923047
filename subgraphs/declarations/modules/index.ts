import { DateScalar, DateTimeScalar } from '../../../common/scalars.js';
import { mergeResolvers } from '../../../common/subgraph.js';
import { staffModule } from './staff/index.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Declaration } from './declarations/resolvers/Declaration.js';
import { submitDeclaration } from './declarations/resolvers/Mutation.submitDeclaration.js';
import { declarationsPerDay } from './dashboards/resolvers/Query.declarationsPerDay.js';
import { Person } from './declarations/resolvers/Person.js';

export const resolvers: Resolvers = mergeResolvers<Resolvers>([{
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: { declarationsPerDay },
  Mutation: { submitDeclaration },
  Person,
  Declaration,
}, staffModule]);
