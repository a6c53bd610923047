import { describe, expect, it } from 'vitest';
import { alertsFor, approvalRefusal, basisReferenceProblem, inEffect, initialStatus, isSameOrHigher, lapsesAt, organisationName, organisationOf } from './designations.js';

describe(organisationOf.name, () => {
  it.each([
    [['org:450103'], '450103'],
    [['supervisor', 'org:450100'], '450100'],
    [[], '450000'],
    [['org:45'], '450000'],
    [['org:abc123'], '450000'],
  ] as const)('%j → %s', (scopes, org) => {
    expect(organisationOf({ scopes }, '450000')).toBe(org);
  });
});

describe(isSameOrHigher.name, () => {
  it.each([
    ['450000', '450103', true],
    ['450100', '450103', true],
    ['450103', '450103', true],
    ['450100', '450100', true],
    ['450000', '450000', true],
    ['450103', '450100', false],
    ['450100', '450000', false],
    ['450200', '450103', false],
    ['450102', '450103', false],
    ['440000', '450103', false],
  ] as const)('%s over %s: %s', (upper, lower, ok) => {
    expect(isSameOrHigher(upper, lower)).toBe(ok);
  });
});

describe(approvalRefusal.name, () => {
  const nanning = { actor: 'authority:officer-a', organisation: '450100' };
  const pending = { status: 'PENDING_APPROVAL' as const, emergency: false, approved: false, ended: false };
  it.each([
    ['a second officer of the same commission', pending, nanning, { actor: 'authority:officer-b', organisation: '450100' }, null],
    ['an officer of the province above', pending, nanning, { actor: 'authority:officer-p', organisation: '450000' }, null],
    ['the same officer', pending, nanning, nanning, 'OWN_DESIGNATION'],
    ['the same officer under another commission', pending, nanning, { actor: 'authority:officer-a', organisation: '450000' }, 'OWN_DESIGNATION'],
    ['an officer of a county below', pending, nanning, { actor: 'authority:officer-c', organisation: '450103' }, 'LOWER_ORGANISATION'],
    ['an officer of another city', pending, nanning, { actor: 'authority:officer-g', organisation: '450300' }, 'LOWER_ORGANISATION'],
    ['an emergency designation still standing', { ...pending, status: 'ACTIVE' as const, emergency: true }, nanning, { actor: 'authority:officer-b', organisation: '450100' }, null],
    ['an approved one', { ...pending, status: 'ACTIVE' as const, approved: true }, nanning, { actor: 'authority:officer-b', organisation: '450100' }, 'NOT_PENDING'],
    ['a lapsed one', { ...pending, status: 'LAPSED' as const, emergency: true }, nanning, { actor: 'authority:officer-b', organisation: '450100' }, 'NOT_PENDING'],
    ['a lifted one', { ...pending, ended: true }, nanning, { actor: 'authority:officer-b', organisation: '450100' }, 'NOT_PENDING'],
    ['an active one that never needed approval', { ...pending, status: 'ACTIVE' as const }, nanning, { actor: 'authority:officer-b', organisation: '450100' }, 'NOT_PENDING'],
  ] as const)('%s', (_label, d, designator, approver, refusal) => {
    expect(approvalRefusal(d, designator, approver)).toBe(refusal);
  });
});

describe(initialStatus.name, () => {
  it.each([
    ['OFFICER_PERSON', false, 'PENDING_APPROVAL'],
    ['OFFICER_PERSON', true, 'ACTIVE'],
    ['AREA', false, 'ACTIVE'],
    ['PARTNER', false, 'ACTIVE'],
    ['LEGACY', false, 'ACTIVE'],
  ] as const)('%s, emergency %s → %s', (origin, emergency, status) => {
    expect(initialStatus(origin, emergency)).toBe(status);
  });
});

describe(inEffect.name, () => {
  const at = Date.parse('2026-11-20T02:00:00+08:00');
  const lapse = lapsesAt(new Date(at), 24);
  it('an emergency designation lapses 24 hours after it was made, never later', () => {
    expect(lapse).toBe('2026-11-20T18:00:00.000Z');
    expect(lapsesAt(new Date(at), 48)).toBe(lapse);
  });
  it.each([
    ['active', { status: 'ACTIVE' as const }, at, true],
    ['pending approval', { status: 'PENDING_APPROVAL' as const }, at, false],
    ['lapsed', { status: 'LAPSED' as const }, at, false],
    ['an emergency one, a minute before its lapse', { status: 'ACTIVE' as const, lapsesAt: lapse }, Date.parse(lapse) - 60_000, true],
    ['an emergency one at its lapse, unapproved', { status: 'ACTIVE' as const, lapsesAt: lapse }, Date.parse(lapse), false],
    ['an emergency one after its lapse, approved', { status: 'ACTIVE' as const, lapsesAt: lapse, approvedAt: lapse }, Date.parse(lapse) + 1, true],
    ['a row from before the rule (no status)', {}, at, true],
  ] as const)('%s → %s', (_label, d, now, yes) => {
    expect(inEffect(d, now)).toBe(yes);
  });
});

describe(alertsFor.name, () => {
  const t = { windowMinutes: 60, officerMax: 3, organisationMax: 5 };
  it.each([
    ['below both', { kind: 'KEY_AREA', basisKind: 'AREA_RISK_NOTICE', officerCount: 3, organisationCount: 5, added: 1 }, []],
    ['the officer crosses', { kind: 'KEY_AREA', basisKind: 'AREA_RISK_NOTICE', officerCount: 4, organisationCount: 4, added: 1 }, ['OFFICER_RATE']],
    ['already past: no second alert', { kind: 'KEY_AREA', basisKind: 'AREA_RISK_NOTICE', officerCount: 5, organisationCount: 5, added: 1 }, []],
    ['one bulk call crosses both', { kind: 'KEY_AREA', basisKind: 'EPIDEMIOLOGICAL_REPORT', officerCount: 10, organisationCount: 10, added: 10 }, ['OFFICER_RATE', 'ORGANISATION_RATE']],
    ['the organisation crosses', { kind: 'FEVER_CLINIC', basisKind: 'DIAGNOSIS', officerCount: 1, organisationCount: 6, added: 1 }, ['ORGANISATION_RATE']],
    ['RED on an area notice', { kind: 'CLOSE_CONTACT', basisKind: 'AREA_RISK_NOTICE', officerCount: 1, organisationCount: 1, added: 1 }, ['RED_WITHOUT_EPIDEMIOLOGICAL_BASIS']],
    ['RED on a report', { kind: 'CLOSE_CONTACT', basisKind: 'EPIDEMIOLOGICAL_REPORT', officerCount: 1, organisationCount: 1, added: 1 }, []],
    ['RED on a diagnosis', { kind: 'CONFIRMED', basisKind: 'DIAGNOSIS', officerCount: 1, organisationCount: 1, added: 1 }, []],
    ['YELLOW on an area notice', { kind: 'KEY_AREA', basisKind: 'AREA_RISK_NOTICE', officerCount: 1, organisationCount: 1, added: 1 }, []],
  ] as const)('%s', (_label, input, kinds) => {
    expect(alertsFor(input, t).map((a) => a.kind)).toEqual(kinds);
  });
});

describe(basisReferenceProblem.name, () => {
  it.each([
    ['南疾控流调〔2026〕118号', null],
    ['', 'BAD_BASIS_REFERENCE'],
    ['   ', 'BAD_BASIS_REFERENCE'],
    ['x'.repeat(65), 'BAD_BASIS_REFERENCE'],
    ['a\u0000b', 'BAD_BASIS_REFERENCE'],
  ] as const)('%j → %s', (ref, problem) => {
    expect(basisReferenceProblem(ref)).toBe(problem);
  });
});

describe(organisationName.name, () => {
  it('names the commission by its region', () => {
    expect(organisationName('450100')).toBe('南宁市卫生健康委员会');
    expect(organisationName('450000')).toBe('广西壮族自治区卫生健康委员会');
  });
});
