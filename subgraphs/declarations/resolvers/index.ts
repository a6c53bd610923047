import { DateScalar, DateTimeScalar } from '../../../common/scalars.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Person } from './Person.js';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Person,
  Declaration: {
    date: (d) => d.localDate,
    submittedAt: (d) => d.submittedAt,
  },
};
