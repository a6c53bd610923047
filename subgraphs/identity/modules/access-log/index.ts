import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { AccessLogEntry } from './resolvers/AccessLogEntry.js';
import { accessLog } from './resolvers/Person.accessLog.js';

/** The access log: who read a person's data, kept from every subgraph's access events. */
export const accessLogModule: Resolvers = { Person: { accessLog }, AccessLogEntry };
