import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { Employer } from './resolvers/Employer.js';
import { joinEmployer } from './resolvers/Mutation.joinEmployer.js';
import { leaveEmployer } from './resolvers/Mutation.leaveEmployer.js';
import { registerEmployer } from './resolvers/Mutation.registerEmployer.js';
import { employers } from './resolvers/Person.employers.js';
import { returnToWorkSummary } from './resolvers/Query.returnToWorkSummary.js';
import { staff } from './resolvers/Query.staff.js';

/** Employers (单位企业复工登记): registration, residents' consent to join and leave, the staff list and summary. */
export const employersModule: Resolvers = {
  Query: { staff, returnToWorkSummary },
  Mutation: { registerEmployer, joinEmployer, leaveEmployer },
  Person: { employers },
  Employer,
};
