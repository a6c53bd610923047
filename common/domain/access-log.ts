import type { AuditRecord } from '../platform/audit.js';
import type { PersonDataAccessed } from '../platform/events/contracts.js';

/** Principals that act only for the person or a guardian (channels) or for no one (the system). */
const NOT_OTHERS = new Set(['channel', 'system']);
/**
 * A channel's rows are its user's own doing, except binding: how an app comes to act for a
 * registered person at all ("新渠道绑定"), and the person ending that. The person sees both.
 */
const CHANNEL_BINDING_ACTIONS = new Set(['BIND_CHANNEL_USER', 'UNBIND_CHANNEL_USER']);
/** Relations recorded by `Access.assertMayRead` that are the person's own side. */
const OWN_SIDE = new Set(['SELF', 'GUARDIAN']);

const text = (v: unknown): string | null => (typeof v === 'string' && v.length ? v.slice(0, 200) : null);

/**
 * Whether an audit row belongs in the person's access log ("who looked at my data"), and what it
 * says there: every row about one person written by someone other than the person and their
 * guardians. Kinds are not listed one by one, so a principal added later (an employer, the hotline)
 * shows up without a change here.
 */
export function accessEventOf(record: AuditRecord): PersonDataAccessed | null {
  if (!record.personId) return null;
  const detail = record.detail ?? {};
  // Rows the person must find whoever wrote them: a rule's (a guardian they never accepted, ended)
  // and a channel's binding of them.
  const shown = detail.shownToPerson === true || (record.principalKind === 'channel' && CHANNEL_BINDING_ACTIONS.has(record.action));
  if (!shown && (NOT_OTHERS.has(record.principalKind) || OWN_SIDE.has(String(detail.relation)))) return null;
  return {
    personId: record.personId,
    principalKind: record.principalKind,
    principalSubject: record.principalSubject,
    action: record.action,
    operation: text(detail.operation),
    ticket: text(detail.ticket),
    organisation: text(detail.organisation),
    what: text(detail.what),
  };
}
