import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openRef, openStaffList, sealRef, sealStaffList } from './sealed-ref.js';

describe('sealRef', () => {
  const key = randomBytes(32);
  const now = new Date('2020-03-06T01:00:00Z');
  const later = new Date(now.getTime() + 60_000);
  const operator = { kind: 'hotline' as const, subject: 'op-1' };
  const personId = '01900000-0000-7000-8000-000000000001';

  it('opens for the principal it was handed to, with the ticket, until it expires', () => {
    const sealed = sealRef(key, 'HOTLINE_CALLER', operator, { personId, ticket: 'GX20200306-000123' }, later);
    expect(sealed).not.toContain(personId);
    expect(openRef(key, 'HOTLINE_CALLER', operator, sealed, now)).toEqual({ personId, ticket: 'GX20200306-000123' });
    expect(openRef(key, 'HOTLINE_CALLER', operator, sealed, later)).toBeNull();
  });

  it('opens for nobody else, for no other purpose, under no other key', () => {
    const sealed = sealRef(key, 'STAFF', { kind: 'employer', subject: 'A' }, { personId }, later);
    expect(openRef(key, 'STAFF', { kind: 'employer', subject: 'B' }, sealed, now)).toBeNull();
    expect(openRef(key, 'GRID_SUBJECT', { kind: 'employer', subject: 'A' }, sealed, now)).toBeNull();
    expect(openRef(randomBytes(32), 'STAFF', { kind: 'employer', subject: 'A' }, sealed, now)).toBeNull();
    expect(openRef(key, 'STAFF', { kind: 'employer', subject: 'A' }, 'v1.garbage', now)).toBeNull();
  });

  it('answers a different reference each time, so two reads cannot be linked', () => {
    expect(sealRef(key, 'STAFF', operator, { personId }, later)).not.toBe(sealRef(key, 'STAFF', operator, { personId }, later));
  });

  it("seals an employer's staff list as one reference that opens as a list, never as one member", () => {
    const hr = { kind: 'employer' as const, subject: '91450103MA5K00001R' };
    const ids = [personId, '01900000-0000-7000-8000-000000000002'];
    const sealed = sealStaffList(key, hr, ids, later);
    expect(openStaffList(key, hr, sealed, now)).toEqual(ids);
    expect(openStaffList(key, hr, sealStaffList(key, hr, [], later), now)).toEqual([]);
    expect(openRef(key, 'STAFF', hr, sealed, now)).toBeNull();
    expect(openStaffList(key, { kind: 'employer', subject: 'other' }, sealed, now)).toBeNull();
    expect(openStaffList(key, hr, undefined, now)).toBeNull();
  });
});
