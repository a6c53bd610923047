import type { AuditRecord } from './audit.js';
import type { PersonDataAccessed } from './events/contracts.js';

/** Principals that act only for the person or a guardian (channels) or for no one (the system). */
const NOT_OTHERS = new Set(['channel', 'system']);
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
  // A rule's row the person must find whoever wrote it: a guardian they never accepted, ended.
  const shown = detail.shownToPerson === true;
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
