import type { Principal } from '../domain/principal.js';

export interface AuditRecord {
  principalKind: string;
  principalSubject: string;
  channelUser: string | null;
  credentialId: string | null;
  action: string;
  personId: string | null;
  detail: Record<string, unknown> | null;
}

/** Who acted: a principal, or the system itself (a scheduled re-evaluation, an event consumer). */
export type Actor = Pick<Principal, 'subject' | 'channelUser' | 'credentialId' | 'operation'> & { kind: Principal['kind'] | 'system' };

export const systemActor = (subject: string): Actor => ({ kind: 'system', subject });

export function auditRecord(principal: Actor, action: string, personId: string | null, detail?: Record<string, unknown>): AuditRecord {
  return {
    principalKind: principal.kind,
    principalSubject: principal.subject,
    channelUser: principal.channelUser ?? null,
    credentialId: principal.credentialId ?? null,
    action,
    personId,
    // The client's operation says why the data was read; it is kept with the row.
    detail: principal.operation ? { ...detail, operation: principal.operation } : (detail ?? null),
  };
}

/**
 * Collects a request's read-audit rows (deduplicated) so they are written in one statement before
 * the response leaves, instead of one insert per person read.
 */
export class AuditCollector {
  private readonly seen = new Set<string>();
  private readonly pending: AuditRecord[] = [];

  constructor(private readonly principal: Principal) {}

  record(action: string, personId: string | null, detail?: Record<string, unknown>): void {
    const key = `${action}:${personId ?? ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.pending.push(auditRecord(this.principal, action, personId, detail));
  }

  /** Hands over what was collected and forgets it, so a retry cannot write a row twice. */
  drain(): AuditRecord[] {
    return this.pending.splice(0);
  }

  /** Takes back drained rows whose statement failed, so the request's final drain still writes them. */
  restore(entries: readonly AuditRecord[]): void {
    this.pending.unshift(...entries);
  }
}
