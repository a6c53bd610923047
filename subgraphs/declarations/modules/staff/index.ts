import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { ReturnToWorkSummary } from './resolvers/ReturnToWorkSummary.js';
import { StaffMember } from './resolvers/StaffMember.js';

/** Employers' view of their consenting staff: whether each declared today, and how many did. */
export const staffModule: Resolvers = { StaffMember, ReturnToWorkSummary };
