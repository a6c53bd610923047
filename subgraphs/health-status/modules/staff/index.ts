import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { ReturnToWorkSummary } from './resolvers/ReturnToWorkSummary.js';
import { StaffMember } from './resolvers/StaffMember.js';

/** Employers' view of their consenting staff: a colour each, and counts by colour. */
export const staffModule: Resolvers = { StaffMember, ReturnToWorkSummary };
