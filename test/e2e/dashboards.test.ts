import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBMIT, residentId } from '../factories/people.js';
import { newResident, type Resident } from '../helpers/people.js';
import { toLocalDate } from '../../common/platform/scalars.js';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../../gateway/sessions/service.js';
import { startTestStack, TestClock, type TestStack } from '../helpers/stack.js';
import { designateApproved } from '../helpers/designations.js';

const DESIGNATE = 'mutation($input: DesignateRiskInput!) { designateRisk(input: $input) { designation { id } } }';
const COLORS = 'query($l: RegionLevel) { colorCounts(level: $l) { regionCode regionName green yellow red total } }';
const HIDDEN = 'query($l: RegionLevel) { colorCounts(level: $l) { regionCode green yellow red total hidden { field color reason } } }';
const PER_DAY = 'query($f: Date!, $t: Date!) { declarationsPerDay(from: $f, to: $t) { date declared abnormal } }';
const TOKEN = '{ me { healthCode { token } } }';
const VERIFY = 'mutation($input: VerifyCodeInput!) { verifyCode(input: $input) { pass } }';

describe('dashboards: aggregates only, small counts suppressed', () => {
  let t: TestStack;
  let qingxiu: Resident[];
  // A fixed clock late in the UTC day, when the province's date is already the next one: the
  // dashboard counts by the province's date (UTC+8), never the server's.
  const clock = new TestClock(Date.parse('2026-12-01T17:30:00Z'));
  const today = () => toLocalDate(t.clock.now());
  const dashboard = () => t.as('dev-dashboard');

  beforeAll(async () => {
    t = await startTestStack({}, { clock });
    // Ten residents in 青秀区 (five of them close contacts), two in 柳北区: a fresh database, so exact counts.
    qingxiu = [];
    for (let i = 0; i < 10; i++) qingxiu.push(await newResident(t, 'dev-channel-alipay', { documentNumber: residentId({ region: '450103', birthDate: '1985-05-05', sequence: i }), region: '450103' }));
    for (let i = 0; i < 2; i++) await newResident(t, 'dev-channel-alipay', { documentNumber: residentId({ region: '450205', birthDate: '1985-05-05', sequence: i }), region: '450205' });
    for (const r of qingxiu.slice(0, 5)) {
      const res = await designateApproved(t, DESIGNATE, { input: { personId: r.id, kind: 'CLOSE_CONTACT', since: t.clock.now().toISOString() } });
      expect(res.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts residents by colour per county and per city, hiding 1 to 4', async () => {
    const county = await t.gql<{ colorCounts: unknown[] }>(dashboard(), COLORS, { l: 'COUNTY' });
    expect(county.errors).toBeUndefined();
    expect(county.data!.colorCounts).toEqual([
      { regionCode: '450103', regionName: '青秀区', green: 5, yellow: 0, red: 5, total: 10 },
      { regionCode: '450205', regionName: '柳北区', green: null, yellow: 0, red: 0, total: null },
    ]);
    const province = await t.gql<{ colorCounts: unknown[] }>(dashboard(), COLORS, { l: 'PROVINCE' });
    expect(province.data!.colorCounts).toEqual([{ regionCode: '450000', regionName: '广西壮族自治区', green: 7, yellow: 0, red: 5, total: 12 }]);
  });

  it('counts declarations per day and scans per checkpoint', async () => {
    for (const [i, r] of qingxiu.slice(5).entries()) {
      const res = await t.gql(r.caller, SUBMIT, { input: { temperature: i === 0 ? 38.2 : 36.5 } });
      expect(res.errors).toBeUndefined();
    }
    const days = await t.gql(dashboard(), 'query($f: Date!, $t: Date!) { declarationsPerDay(from: $f, to: $t) { date declared abnormal } }', { f: today(), t: today() });
    expect(days.data).toEqual({ declarationsPerDay: [{ date: today(), declared: 5, abnormal: null }] });

    for (const r of qingxiu.slice(6)) {
      const token = (await t.gql<{ me: { healthCode: { token: string } } }>(r.caller, TOKEN)).data!.me.healthCode.token;
      expect((await t.gql(t.as('dev-checkpoint'), VERIFY, { input: { token, temperature: 36.4 } })).data).toEqual({ verifyCode: { pass: true } });
    }
    const now = t.clock.now().getTime();
    const scans = await t.gql(dashboard(), 'query($f: DateTime!, $t: DateTime!) { scansPerCheckpoint(from: $f, to: $t) { checkpoint { name } scans passed refused } }', {
      f: new Date(now - 3600_000).toISOString(),
      t: new Date(now + 3600_000).toISOString(),
    });
    // Four scans, all passed: too few to show; a zero identifies nobody and stays.
    expect(scans.data).toEqual({ scansPerCheckpoint: [{ checkpoint: { name: expect.any(String) }, scans: null, passed: null, refused: 0 }] });
  });

  it('says why each count is hidden: "small" only for 1 to 4, the count hidden to protect it as such', async () => {
    // A sixth close contact in 青秀区: 4 green, 6 red. Green is small; red (6) is hidden with it, or
    // the total (10) would give green away. Red must not read as "fewer than 5".
    const res = await designateApproved(t, DESIGNATE, { input: { personId: qingxiu[5]!.id, kind: 'CLOSE_CONTACT', since: t.clock.now().toISOString() } });
    expect(res.errors).toBeUndefined();
    const county = await t.gql<{ colorCounts: unknown[] }>(dashboard(), HIDDEN, { l: 'COUNTY' });
    expect(county.errors).toBeUndefined();
    expect(county.data!.colorCounts).toEqual([
      {
        regionCode: '450103',
        green: null,
        yellow: 0,
        red: null,
        total: 10,
        hidden: [
          { field: 'green', color: 'GREEN', reason: 'SMALL_COUNT' },
          { field: 'red', color: 'RED', reason: 'PROTECTS_ANOTHER' },
        ],
      },
      {
        regionCode: '450205',
        green: null,
        yellow: 0,
        red: 0,
        total: null,
        hidden: [
          { field: 'green', color: 'GREEN', reason: 'SMALL_COUNT' },
          { field: 'total', color: null, reason: 'SMALL_COUNT' },
        ],
      },
    ]);
    const scans = await t.gql(dashboard(), 'query($f: DateTime!, $t: DateTime!) { scansPerCheckpoint(from: $f, to: $t) { scans passed refused hidden { field color reason } } }', {
      f: new Date(t.clock.now().getTime() - 3600_000).toISOString(),
      t: new Date(t.clock.now().getTime() + 3600_000).toISOString(),
    });
    expect(scans.data).toEqual({
      scansPerCheckpoint: [
        {
          scans: null,
          passed: null,
          refused: 0,
          hidden: [
            { field: 'passed', color: null, reason: 'SMALL_COUNT' },
            { field: 'scans', color: null, reason: 'SMALL_COUNT' },
          ],
        },
      ],
    });
  });

  it('answers every day of a date range in the province\'s date, a day without declarations as 0, and refuses unbounded ranges', async () => {
    const day = (n: number) => new Date(Date.parse(`${today()}T00:00:00Z`) + n * 864e5).toISOString().slice(0, 10);
    const week = await t.gql<{ declarationsPerDay: unknown[] }>(dashboard(), PER_DAY, { f: day(-6), t: today() });
    expect(week.errors).toBeUndefined();
    expect(week.data!.declarationsPerDay).toEqual([
      ...[-6, -5, -4, -3, -2, -1].map((n) => ({ date: day(n), declared: 0, abnormal: 0 })),
      { date: today(), declared: 5, abnormal: null },
    ]);
    // The quarter's bound holds, with the zeros: 92 days answer 92 entries, 93 days an error.
    const quarter = await t.gql<{ declarationsPerDay: unknown[] }>(dashboard(), PER_DAY, { f: day(-91), t: today() });
    expect(quarter.data!.declarationsPerDay).toHaveLength(92);
    for (const [f, to] of [[day(-92), today()], [today(), day(-1)]]) {
      const bad = await t.gql(dashboard(), PER_DAY, { f, t: to });
      expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(bad.data).toBeNull();
    }
  });

  it('gives aggregates to dashboards and the authority only, and never a person to a dashboard', async () => {
    expect((await t.gql(t.as('dev-authority'), COLORS)).errors).toBeUndefined();
    // Outside the caller's contract: answered as a field that does not exist, before any subgraph is asked.
    const channel = await t.gql(qingxiu[0]!.caller, COLORS);
    expect(channel.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(channel.data).toBeUndefined();
    const person = await t.gql(dashboard(), 'query($id: ID!) { person(id: $id) { id } }', { id: qingxiu[0]!.id });
    expect(person.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(person.data).toBeUndefined();
  });

  it("refuses a dashboard session an operation off the dashboard page's list, naming that list and not the channels'", async () => {
    const opened = await fetch(new URL('/dashboard/session', t.stack.gateway.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'hcg_dev_dashboard' }),
    });
    expect(opened.status).toBe(200);
    const cookies = Object.fromEntries(opened.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]));
    const res = await fetch(t.stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${cookies[SESSION_COOKIE]}`, [CSRF_HEADER]: cookies[CSRF_COOKIE]! },
      body: JSON.stringify({ query: COLORS, variables: { l: 'CITY' } }),
    });
    const body = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(res.status).toBe(403);
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OPERATION_NOT_SAFELISTED' });
    expect(body.errors[0]!.message).toContain('schema/dashboard-operations.json');
    expect(body.errors[0]!.message).not.toMatch(/channel|persisted-operations/i);
  });
});
