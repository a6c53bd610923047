import { pageSize } from '../../../../../common/platform/pagination.js';
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

// Supervisors read the alerts; they name officers, never a person.
export const designationAlerts: NonNullable<QueryResolvers['designationAlerts']> = (_root, args, ctx) =>
  ctx.repo.designations.alerts(pageSize(args.first, 50), args.since ? new Date(args.since).toISOString() : null);
