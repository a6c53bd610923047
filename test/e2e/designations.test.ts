import { count, eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../common/platform/metrics.js';
import { riskDesignations } from '../../subgraphs/health-status/db/tables.js';
import type { EmergencyLapses } from '../../subgraphs/health-status/modules/designations/lapses.js';
import { residentId } from '../factories/people.js';
import { TEST_BASIS } from '../helpers/designations.js';
import { newResident, type Resident } from '../helpers/people.js';
import { startTestStack, TestClock, type TestStack } from '../helpers/stack.js';

/**
 * Issue 26 through the gateway: a basis on every designation, a second officer for a named person,
 * the emergency path's 24-hour lapse, alerts on unusual designating and the transparency report's
 * data. One stack for the file, on a fixed clock.
 */
const DESIGNATE = 'mutation($input: DesignateRiskInput!) { designateRisk(input: $input) { designation { id status emergency lapsesAt organisation basis { kind reference } } } }';
const BULK = 'mutation($input: DesignateRisksInput!) { designateRisks(input: $input) { designated batchId status } }';
const APPROVE = 'mutation($id: ID, $batch: ID) { approveDesignation(designationId: $id, batchId: $batch) { approved designation { id status approvedAt } } }';
const CODE = '{ me { healthCode { color reasons { code designationId basis { kind reference organisation howToAppeal } } notices { code designationId kind } } } }';
const ACCESS_LOG = '{ me { accessLog(first: 100) { edges { node { action role organisation } } } } }';
const ALERTS = '{ designationAlerts(first: 20) { kind organisation officer count threshold windowMinutes designationId } }';
const REPORT = 'query($from: Date!, $to: Date!) { designationReport(from: $from, to: $to) { rows { day kind basisKind organisation organisationName made approved lapsed lifted appealed upheld } } }';

type Code = { color: string; reasons: { code: string; designationId: string | null; basis: { kind: string; reference: string; organisation: string; howToAppeal: string } | null }[]; notices: { code: string; designationId: string; kind: string }[] };

describe('designations: a basis, a second officer, emergencies, alerts, the transparency report', () => {
  let t: TestStack;
  const clock = new TestClock(Date.parse('2026-11-20T09:00:00+08:00'));
  const warnings: Record<string, unknown>[] = [];
  const codeOf = async (r: Resident) => (await t.gql<{ me: { healthCode: Code } }>(r.caller, CODE)).data!.me.healthCode;
  const actionsOf = async (r: Resident) => (await t.gql<{ me: { accessLog: { edges: { node: { action: string; role: string; organisation: string } }[] } } }>(r.caller, ACCESS_LOG)).data!.me.accessLog.edges.map((e) => e.node);
  const rowsOf = async (personId: string) => (await t.stack.db['health-status'].db.select({ n: count() }).from(riskDesignations).where(eq(riskDesignations.personId, personId)))[0]!.n;
  /** A resident whose document number the test knows (to designate by document). */
  const resident = async (channel: 'dev-channel-wechat-zzg' | 'dev-channel-alipay' | 'dev-channel-aiguangxi' = 'dev-channel-wechat-zzg') => {
    const documentNumber = residentId();
    return { ...(await newResident(t, channel, { documentNumber })), documentNumber };
  };
  const lapses = () => (t.stack.modules['health-status'] as unknown as { background: [unknown, unknown, EmergencyLapses] }).background[2];

  beforeAll(async () => {
    // Low thresholds so that a burst is a handful of calls; warnings captured to see the log line.
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line) as Record<string, unknown>) });
    t = await startTestStack(
      { DESIGNATION_ALERT_WINDOW_MINUTES: '60', DESIGNATION_ALERT_OFFICER_MAX: '5', DESIGNATION_ALERT_ORGANISATION_MAX: '8', TRANSPARENCY_RATE_LIMIT: '4' },
      { clock, logger },
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a designation without a basis, or on a basis no officer may name, and changes nothing', async () => {
    const r = await resident();
    const input = { personId: r.id, kind: 'CLOSE_CONTACT', since: clock.now().toISOString() };
    const none = await t.gql(t.as('dev-authority'), DESIGNATE, { input });
    expect(none.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BASIS_REQUIRED', field: 'input.basis' });
    const partner = await t.gql(t.as('dev-authority'), DESIGNATE, { input: { ...input, basis: { kind: 'PARTNER_REQUEST', reference: 'x' } } });
    expect(partner.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BASIS_NOT_FOR_OFFICERS' });
    const blank = await t.gql(t.as('dev-authority'), DESIGNATE, { input: { ...input, basis: { kind: 'DIAGNOSIS', reference: '  ' } } });
    expect(blank.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BAD_BASIS_REFERENCE' });
    const bulk = await t.gql(t.as('dev-authority'), BULK, { input: { kind: 'CLOSE_CONTACT', since: clock.now().toISOString(), documents: [{ number: r.documentNumber }] } });
    expect(bulk.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BASIS_REQUIRED' });
    expect(await rowsOf(r.id)).toBe(0);
    expect((await codeOf(r)).color).toBe('GREEN');
  });

  it("changes no colour until a second officer approves; the officer cannot approve their own, nor a county officer a city's", async () => {
    const r = await resident();
    const made = await t.gql<{ designateRisk: { designation: { id: string; status: string; organisation: string; basis: { kind: string } } } }>(t.as('dev-authority'), DESIGNATE, {
      input: { personId: r.id, kind: 'CLOSE_CONTACT', since: clock.now().toISOString(), basis: TEST_BASIS },
    });
    expect(made.errors).toBeUndefined();
    const d = made.data!.designateRisk.designation;
    expect(d).toMatchObject({ status: 'PENDING_APPROVAL', organisation: '450100', basis: { kind: 'EPIDEMIOLOGICAL_REPORT' } });
    expect((await codeOf(r)).color).toBe('GREEN');

    const own = await t.gql(t.as('dev-authority'), APPROVE, { id: d.id });
    expect(own.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_DESIGNATION' });
    const county = await t.gql(t.as('dev-authority-county'), APPROVE, { id: d.id });
    expect(county.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'LOWER_ORGANISATION' });
    expect((await codeOf(r)).color).toBe('GREEN');

    const approved = await t.gql<{ approveDesignation: { approved: number; designation: { status: string; approvedAt: string } } }>(t.as('dev-authority-reviewer'), APPROVE, { id: d.id });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveDesignation).toMatchObject({ approved: 1, designation: { status: 'ACTIVE' } });
    expect(Date.parse(approved.data!.approveDesignation.designation.approvedAt)).toBe(clock.now().getTime());
    const code = await codeOf(r);
    expect(code.color).toBe('RED');
    // The resident sees the basis kind, the commission and how to appeal.
    expect(code.reasons).toEqual([
      { code: 'R_CLOSE_CONTACT', designationId: d.id, basis: { kind: 'EPIDEMIOLOGICAL_REPORT', reference: TEST_BASIS.reference, organisation: '南宁市卫生健康委员会', howToAppeal: expect.stringContaining('12345') } },
    ]);
    const again = await t.gql(t.as('dev-authority-reviewer'), APPROVE, { id: d.id });
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_PENDING' });
    // Every step is in the person's access log.
    await expect.poll(async () => (await actionsOf(r)).map((e) => e.action)).toEqual(expect.arrayContaining(['DESIGNATE_RISK', 'APPROVE_DESIGNATION']));
  });

  it('holds a list until one approval of the whole list', async () => {
    const a = await resident('dev-channel-alipay');
    const b = await resident('dev-channel-alipay');
    const made = await t.gql<{ designateRisks: { designated: number; batchId: string; status: string } }>(t.as('dev-authority'), BULK, {
      input: { kind: 'KEY_AREA', since: clock.now().toISOString(), documents: [{ number: a.documentNumber }, { number: b.documentNumber }], basis: { kind: 'AREA_RISK_NOTICE', reference: '南宁市疫情防控指挥部通告〔2026〕9号' } },
    });
    expect(made.data!.designateRisks).toMatchObject({ designated: 2, status: 'PENDING_APPROVAL' });
    expect((await codeOf(a)).color).toBe('GREEN');
    const own = await t.gql(t.as('dev-authority'), APPROVE, { batch: made.data!.designateRisks.batchId });
    expect(own.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_DESIGNATION' });
    const approved = await t.gql<{ approveDesignation: { approved: number } }>(t.as('dev-authority-reviewer'), APPROVE, { batch: made.data!.designateRisks.batchId });
    expect(approved.data!.approveDesignation.approved).toBe(2);
    expect((await codeOf(a)).color).toBe('YELLOW');
    expect((await codeOf(b)).color).toBe('YELLOW');
  });

  it('lets one officer designate at once in an emergency, and lapses it after 24 hours without a second officer', async () => {
    const r = await resident();
    const made = await t.gql<{ designateRisk: { designation: { id: string; status: string; emergency: boolean; lapsesAt: string } } }>(t.as('dev-authority'), DESIGNATE, {
      input: { personId: r.id, kind: 'CONFIRMED', since: clock.now().toISOString(), basis: { kind: 'DIAGNOSIS', reference: '南宁市第四人民医院检验报告 2026-1120-03' }, emergency: true },
    });
    const d = made.data!.designateRisk.designation;
    expect(d).toMatchObject({ status: 'ACTIVE', emergency: true });
    expect(Date.parse(d.lapsesAt)).toBe(clock.now().getTime() + 24 * 3_600_000);
    expect((await codeOf(r)).color).toBe('RED');

    const start = clock.now().getTime();
    clock.set(new Date(start + 23 * 3_600_000 + 59 * 60_000).toISOString());
    expect(await lapses().runOnce()).toBe(0);
    expect((await codeOf(r)).color).toBe('RED');

    clock.set(new Date(start + 24 * 3_600_000).toISOString());
    expect(await lapses().runOnce()).toBe(1);
    const code = await codeOf(r);
    expect(code.color).toBe('GREEN');
    expect(code.notices).toEqual([{ code: 'DESIGNATION_LAPSED', designationId: d.id, kind: 'CONFIRMED' }]);
    const late = await t.gql(t.as('dev-authority-reviewer'), APPROVE, { id: d.id });
    expect(late.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_PENDING' });
    await expect.poll(async () => (await actionsOf(r)).map((e) => e.action)).toEqual(expect.arrayContaining(['DESIGNATE_RISK', 'DESIGNATION_LAPSED']));
  });

  it('keeps an approved emergency designation past 24 hours', async () => {
    const r = await resident();
    const made = await t.gql<{ designateRisk: { designation: { id: string } } }>(t.as('dev-authority'), DESIGNATE, {
      input: { personId: r.id, kind: 'CONFIRMED', since: clock.now().toISOString(), basis: { kind: 'DIAGNOSIS', reference: 'lab-7' }, emergency: true },
    });
    expect((await t.gql(t.as('dev-authority-reviewer'), APPROVE, { id: made.data!.designateRisk.designation.id })).errors).toBeUndefined();
    clock.set(new Date(clock.now().getTime() + 25 * 3_600_000).toISOString());
    expect(await lapses().runOnce()).toBe(0);
    expect((await codeOf(r)).color).toBe('RED');
  });

  it('raises an alert on a burst past the thresholds and on a RED without an epidemiological basis: a metric, a log line, designationAlerts', async () => {
    // A fresh window: nothing designated in the last hour.
    clock.set(new Date(clock.now().getTime() + 2 * 3_600_000).toISOString());
    const metric = async (kind: string) => (await registry.getSingleMetric('hcg_designation_alerts_total')!.get()).values.find((v) => v.labels.kind === kind)?.value ?? 0;
    const officerBefore = await metric('OFFICER_RATE');
    const people = [];
    for (let i = 0; i < 6; i++) people.push(await resident('dev-channel-aiguangxi'));
    const ids: string[] = [];
    for (const p of people) {
      const res = await t.gql<{ designateRisk: { designation: { id: string } } }>(t.as('dev-authority'), DESIGNATE, { input: { personId: p.id, kind: 'FEVER_CLINIC', since: clock.now().toISOString(), basis: TEST_BASIS } });
      expect(res.errors).toBeUndefined();
      ids.push(res.data!.designateRisk.designation.id);
    }
    // Six by one officer past a maximum of five: one alert, raised by the sixth.
    expect(await metric('OFFICER_RATE')).toBe(officerBefore + 1);
    const red = await t.gql<{ designateRisk: { designation: { id: string } } }>(t.as('dev-authority'), DESIGNATE, {
      input: { personId: people[0]!.id, kind: 'CLOSE_CONTACT', since: clock.now().toISOString(), basis: { kind: 'AREA_RISK_NOTICE', reference: '公告〔2026〕1号' } },
    });
    const alerts = await t.gql<{ designationAlerts: { kind: string; organisation: string; officer: string | null; count: number; threshold: number; designationId: string }[] }>(t.as('dev-authority-reviewer'), ALERTS);
    expect(alerts.errors).toBeUndefined();
    expect(alerts.data!.designationAlerts.slice(0, 2)).toEqual([
      { kind: 'RED_WITHOUT_EPIDEMIOLOGICAL_BASIS', organisation: '450100', officer: 'authority:gx-cdc-demo', count: 1, threshold: 0, windowMinutes: 60, designationId: red.data!.designateRisk.designation.id },
      { kind: 'OFFICER_RATE', organisation: '450100', officer: 'authority:gx-cdc-demo', count: 6, threshold: 5, windowMinutes: 60, designationId: ids[5] },
    ]);
    expect(warnings.filter((w) => w.msg === 'unusual designating').map((w) => w.alert)).toEqual(expect.arrayContaining(['OFFICER_RATE', 'RED_WITHOUT_EPIDEMIOLOGICAL_BASIS']));
    // Supervisors only: an officer without the scope is refused.
    const officer = await t.gql(t.as('dev-authority'), ALERTS);
    expect(officer.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('reports counts per day, kind, basis and commission, small ones withheld, no person, no officer; served with no key, limited per address', async () => {
    const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    const from = '2026-11-20';
    const to = day(clock.now().getTime());
    const report = await t.gql<{ designationReport: { rows: Record<string, unknown>[] } }>(t.as('dev-dashboard'), REPORT, { from, to });
    expect(report.errors).toBeUndefined();
    const rows = report.data!.designationReport.rows;
    // The burst: six FEVER_CLINIC by 南宁市 on one report basis, none approved.
    expect(rows).toContainEqual({ day: to, kind: 'FEVER_CLINIC', basisKind: 'EPIDEMIOLOGICAL_REPORT', organisation: '450100', organisationName: '南宁市卫生健康委员会', made: 6, approved: 0, lapsed: 0, lifted: 0, appealed: 0, upheld: 0 });
    // The lapse: one, withheld.
    expect(rows.find((r) => r.kind === 'CONFIRMED' && r.lapsed !== 0)).toMatchObject({ basisKind: 'DIAGNOSIS', lapsed: null });
    expect(JSON.stringify(rows)).not.toMatch(/gx-cdc-demo|authority:/);

    const gateway = new URL(t.stack.gateway.url).origin;
    const open = await fetch(`${gateway}/transparency/report?from=${from}&to=${to}`);
    expect(open.status).toBe(200);
    expect(((await open.json()) as { data: { designationReport: { rows: unknown[] } } }).data.designationReport.rows).toEqual(rows);
    const bad = await fetch(`${gateway}/transparency/report?from=2026-01-01&to=2026-12-31`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { extensions: { code: string; reason: string } }[] }).errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RANGE_TOO_LONG' });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${gateway}/transparency/report?from=${from}&to=${to}`)).status);
    // A limit of 4 a minute from one address: the fifth request of the minute is refused.
    expect(statuses).toEqual([200, 200, 429]);
  });
});
