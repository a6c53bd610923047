import type { AccessLogEntryResolvers } from '../../../__generated__/resolvers-types.js';
import { organisationOf } from '../../../domain/access-log.js';

export const AccessLogEntry: AccessLogEntryResolvers = {
  at: (r) => r.at,
  role: (r) => r.principalKind,
  organisation: (r) => organisationOf(r.principalKind, r.principalSubject, r.organisation),
  action: (r) => r.action,
  operation: (r) => r.operation,
  ticket: (r) => r.ticket,
  what: (r) => r.what,
};
