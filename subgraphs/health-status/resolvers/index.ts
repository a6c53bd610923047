import { DateScalar, DateTimeScalar } from '../../../common/scalars.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { HealthCode } from './HealthCode.js';
import { designateRisk, designateRisks, liftRisk } from './Mutation/designations.js';
import { Person } from './Person.js';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Mutation: { designateRisk, designateRisks, liftRisk },
  Person,
  HealthCode,
};
