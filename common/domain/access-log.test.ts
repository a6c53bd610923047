import { describe, expect, it } from 'vitest';
import { accessEventOf } from './access-log.js';
import { auditRecord, type AuditRecord } from '../platform/audit.js';

const person = '0190a0b0-0000-7000-8000-000000000001';

describe(accessEventOf.name, () => {
  it.each([
    ['authority', 'READ_PERSON', { relation: 'AUTHORITY' }, true],
    ['province', 'PARTNER_REQUEST_STATUS', { partner: '440000' }, true],
    ['checkpoint', 'VERIFY_CODE', { organisation: '民族大道卡口' }, true],
    // Kinds not known today count like any other non-self caller.
    ['hotline', 'HOTLINE_LOOKUP', { ticket: '12345-0001' }, true],
    ['employer', 'READ_STAFF', null, true],
    ['channel', 'READ_PERSON', { relation: 'GUARDIAN' }, false],
    ['channel', 'REGISTER_PERSON', null, false],
    // A further channel binding a registered person, and the person ending a binding ("新渠道绑定").
    ['channel', 'BIND_CHANNEL_USER', { channel: 'alipay' }, true],
    ['channel', 'UNBIND_CHANNEL_USER', { channel: 'alipay', organisation: '支付宝' }, true],
    ['system', 'COLOR_CHANGED', null, false],
    // A guardian the person never accepted, ended when they registered: theirs to see.
    ['system', 'UNCONFIRMED_GUARDIAN_ENDED', { shownToPerson: true }, true],
    ['channel', 'UNCONFIRMED_GUARDIAN_ENDED', { shownToPerson: true }, true],
    ['authority', 'READ_PERSON', { relation: 'SELF' }, false],
  ] as const)('%s %s → logged: %s', (kind, action, detail, logged) => {
    // Plain records: kinds such as `hotline` need not exist in this build for the rule to hold.
    const record: AuditRecord = { principalKind: kind, principalSubject: 's-1', channelUser: null, credentialId: null, action, personId: person, detail };
    expect(accessEventOf(record) !== null).toBe(logged);
  });

  it('keeps no row without a person', () => {
    expect(accessEventOf(auditRecord({ kind: 'authority', subject: 'staff-7' }, 'LOOKUP_DOCUMENT', null))).toBeNull();
  });

  it('carries the operation, ticket and organisation, never more than a short text', () => {
    const e = accessEventOf(
      auditRecord({ kind: 'authority', subject: 'staff-9', operation: 'CaseReview' }, 'READ_PERSON', person, { ticket: 'T-1', organisation: 'x'.repeat(500), found: true }),
    );
    expect(e).toEqual({ personId: person, principalKind: 'authority', principalSubject: 'staff-9', action: 'READ_PERSON', operation: 'CaseReview', ticket: 'T-1', organisation: 'x'.repeat(200), what: null });
  });
});
