import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newResident } from '../helpers/people.js';
import { startTestStack, TestClock, type TestStack } from '../helpers/stack.js';
import { designateApproved } from '../helpers/designations.js';

const CODE = '{ me { healthCode { color normalDays reasons { code } token } } }';
const DESIGNATE = 'mutation($input: DesignateRiskInput!) { designateRisk(input: $input) { designation { id } } }';
const WRITES = ['insert', 'update', 'delete'] as const;

/**
 * SPEC §3 keeps the colour by writes: reading a code is one keyed read (and signing its token),
 * never an evaluation that stores, not even the first read of a new day.
 */
describe('reading a health code', () => {
  let t: TestStack;
  const clock = new TestClock(Date.parse('2026-11-20T09:00:00+08:00'));

  beforeAll(async () => {
    t = await startTestStack({ EVENTS_POLL_MS: '3600000' }, { clock });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends only reads to health-status, on the first read of a new day too', async () => {
    const r = await newResident(t);
    const designated = await designateApproved(t, DESIGNATE, { input: { personId: r.id, kind: 'CLOSE_CONTACT', since: clock.now().toISOString() } });
    expect(designated.errors).toBeUndefined();
    // Warm: the request brings health-status's copy of identity's events up to date.
    expect((await t.gql(r.caller, CODE)).errors).toBeUndefined();
    for (const mod of Object.values(t.stack.modules)) for (const job of mod.background ?? []) await job.stop();

    const counter = t.stack.db['health-status'].statements;
    for (const day of [0, 1]) {
      clock.advanceDays(day);
      const before = { ...counter.byKind };
      const res = await t.gql<{ me: { healthCode: { color: string; token: string } } }>(r.caller, CODE);
      expect(res.errors).toBeUndefined();
      expect(res.data!.me.healthCode).toMatchObject({ color: 'RED', token: expect.any(String) });
      const sent = Object.fromEntries(Object.entries(counter.byKind).map(([k, n]) => [k, n - (before[k] ?? 0)]));
      for (const kind of WRITES) expect(sent[kind] ?? 0, `day +${day}: ${JSON.stringify(sent)}`).toBe(0);
      expect(sent.select, JSON.stringify(sent)).toBeGreaterThanOrEqual(1);
      // The code itself is one keyed read; the rest is the principal's access and the events check.
      expect(sent.select, JSON.stringify(sent)).toBeLessThanOrEqual(4);
    }
  });
});
