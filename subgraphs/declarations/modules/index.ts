import { DateScalar, DateTimeScalar } from '../../../common/scalars.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Declaration } from './Declaration.js';
import { submitDeclaration } from './Mutation/submitDeclaration.js';
import { declarationsPerDay } from '../services/dashboards.js';
import { Person } from './Person.js';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: { declarationsPerDay: (_root, args, ctx) => declarationsPerDay(ctx, args.from, args.to) },
  Mutation: { submitDeclaration },
  Person,
  Declaration,
};
