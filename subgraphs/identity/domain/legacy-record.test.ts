import { describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from '../../../common/domain/documents/index.js';
import { holderMismatch, parseLegacyRecord } from './legacy-record.js';

const ID = '45010319900307123' + residentIdCheckCharacter('45010319900307123');
const NOW = new Date('2026-03-01T04:00:00Z');
const base = { vendorUserId: 'u1', name: '李明', documentNumber: ID, region: '450103', color: 'RED' };

describe(parseLegacyRecord.name, () => {
  it.each([
    [{ documentNumber: ID.slice(0, 17) + (ID.endsWith('1') ? '2' : '1') }, 'BAD_CHECK_CHARACTER'],
    [{ region: '450999' }, 'BAD_REGION'],
    [{ region: '450000' }, 'BAD_REGION'],
    [{ color: 'BLUE' }, 'BAD_COLOR'],
    [{ colorSince: 'yesterday' }, 'BAD_COLOR_SINCE'],
    [{ vendorUserId: 'has space' }, 'BAD_VENDOR_USER'],
    [{ documentType: 'LIBRARY_CARD' }, 'UNKNOWN_TYPE'],
    [{ birthDate: '1991-01-01' }, 'BIRTH_DATE_MISMATCH'],
    [{ phone: '12345' }, 'BAD_PHONE'],
  ])('rejects %j as %s', (over, reason) => {
    const r = parseLegacyRecord({ ...base, ...over }, '2026-03-01', NOW);
    expect(r).toMatchObject({ ok: false, reason });
  });

  it('reads loose shapes: lower-case colour, a local date as the province midnight, a future start capped at now', () => {
    const r = parseLegacyRecord({ ...base, color: 'yellow', colorSince: '2026-02-20' }, '2026-03-01', NOW);
    expect(r).toMatchObject({ ok: true, value: { color: 'YELLOW', colorSince: '2026-02-19T16:00:00.000Z', fields: { birthDate: '1990-03-07', sex: 'MALE' } } });
    const future = parseLegacyRecord({ ...base, colorSince: '2027-01-01T00:00:00Z' }, '2026-03-01', NOW);
    expect(future).toMatchObject({ ok: true, value: { colorSince: NOW.toISOString() } });
  });
});

describe(holderMismatch.name, () => {
  const record = (name: string, birthDate: string | null) => ({ fields: { name, birthDate, sex: null, phone: null, address: null } });
  it.each([
    [{ name: '李明', birthDate: '1990-03-07' }, record('李明', '1990-03-07'), null],
    [{ name: 'Li Ming', birthDate: null }, record('li  ming', '1990-03-07'), null],
    [{ name: '李明', birthDate: '1990-03-07' }, record('李鸣', '1990-03-07'), 'NAME'],
    [{ name: 'Anna', birthDate: '1980-01-01' }, record('Anna', '1981-01-01'), 'BIRTH_DATE'],
  ])('%j against %j: %s', (known, rec, expected) => {
    expect(holderMismatch(known, rec)).toBe(expected);
  });
});
