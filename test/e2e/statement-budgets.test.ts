import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../common/platform/db.js';
import { subgraphRequests } from '../../common/platform/metrics.js';
import { ADD_DEPENDENT, dependentInput, residentId } from '../factories/people.js';
import { newResident, type Resident } from '../helpers/people.js';
import { startTestStack, TestClock, type Caller, type TestStack } from '../helpers/stack.js';

const VERIFY = 'mutation($input: VerifyCodeInput!) { verifyCode(input: $input) { pass reason color } }';
const HOUSEHOLD = '{ me { displayName healthCode { color token } dependents { displayName healthCode { color } } } }';
const SUBMIT = 'mutation($input: SubmitDeclarationInput!) { submitDeclaration(input: $input) { declaration { version normal } person { id healthCode { color reasons { code } } } } }';
const COUNTS = 'query($level: RegionLevel!) { colorCounts(level: $level) { regionCode green yellow red total } }';

interface Cost {
  /** Statements per owner sent for the operation itself (a consumer's delivery it triggered left out). */
  own: Record<string, number>;
  total: number;
  /** Statements the event consumers sent to apply other subgraphs' events during the operation. */
  consumers: number;
  requests: number;
  data: Record<string, unknown>;
}

async function subgraphRequestTotal(): Promise<number> {
  return (await subgraphRequests.get()).values.reduce((n, v) => n + v.value, 0);
}

/**
 * SPEC §10's budgets, as counts of the SQL statements each hot operation sends through the gateway
 * (every statement of every owner's drizzle handle, on PGlite and on PostgreSQL alike): a checkpoint
 * scan, a resident's code with their household, a declaration and a dashboard read.
 */
describe('statements per operation', () => {
  let t: TestStack;
  let guardian: Resident;
  let token: string;
  const clock = new TestClock(Date.parse('2026-11-20T09:00:00+08:00'));

  beforeAll(async () => {
    t = await startTestStack({ EVENTS_POLL_MS: '3600000' }, { clock });
    guardian = await newResident(t);
    for (let i = 0; i < 2; i++) {
      const added = await t.gql(guardian.caller, ADD_DEPENDENT, { input: dependentInput({ documentNumber: residentId({ birthDate: `19${40 + i}-01-0${1 + i}` }) }) });
      expect(added.errors).toBeUndefined();
    }
    const code = await t.gql<{ me: { healthCode: { token: string } } }>(guardian.caller, '{ me { healthCode { token } } }');
    expect(code.errors, JSON.stringify(code.errors)).toBeUndefined();
    token = code.data!.me.healthCode.token;
    // The gateway's API-key look-up and health-status's checkpoint are read once, then known.
    await t.gql(t.as('dev-checkpoint'), VERIFY, { input: { token } });
    await t.gql(t.as('dev-dashboard'), COUNTS, { level: 'CITY' });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function measure(caller: Caller, query: string, variables?: Record<string, unknown>): Promise<Cost> {
    // Background consumers woken by a NOTIFY would add statements of their own; requests still
    // bring each consumer up to date themselves (read-your-writes), and those are counted apart.
    for (const mod of Object.values(t.stack.modules)) for (const job of mod.background ?? []) await job.stop();
    // The caller's key is cached for 30 s of wall time; on a busy machine the set-up can outlast that,
    // and the key's look-up (gateway and identity) would be counted as the operation's. Known first.
    expect((await t.gql(caller, '{ __typename }')).errors).toBeUndefined();
    // Work beside the operation, not for it: consumers applying events (counted apart), and periodic
    // work such as the gateway's channel-usage flush (every 5 s: on a slow machine it can land here).
    const snap = () => Object.fromEntries(Object.entries(t.stack.db).map(([o, h]) => [o, { all: h.statements.forRequests, events: h.statements.byScope.events ?? 0 }]));
    const before = snap();
    const requests0 = await subgraphRequestTotal();
    const res = await t.gql(caller, query, variables);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const after = snap();
    const own: Record<string, number> = {};
    let consumers = 0;
    for (const [o, a] of Object.entries(after)) {
      const events = a.events - before[o]!.events;
      const sent = a.all - before[o]!.all - events;
      consumers += events;
      if (sent) own[o] = sent;
    }
    return { own, total: Object.values(own).reduce((n, x) => n + x, 0), consumers, requests: (await subgraphRequestTotal()) - requests0, data: res.data as Record<string, unknown> };
  }

  it('W1 verifyCode: finds the code by its id and records the scan, 2 statements', async () => {
    const cost = await measure(t.as('dev-checkpoint'), VERIFY, { input: { token, temperature: 36.5 } });
    expect(cost.data.verifyCode).toEqual({ pass: true, reason: null, color: 'GREEN' });
    expect(cost.own, JSON.stringify(cost)).toEqual({ 'health-status': 2 });
  });

  it("W2 a resident's code and household: the viewer and one read per subgraph reached, whatever the household's size", async () => {
    const readAt = (await rows<{ now: string }>(t.stack.db['health-status'].db, sql`select now()::text as now`))[0]!.now;
    const cost = await measure(guardian.caller, HOUSEHOLD);
    const me = cost.data.me as { dependents: { healthCode: { color: string } }[] };
    expect(me.dependents.map((d) => d.healthCode.color)).toEqual(['GREEN', 'GREEN']);
    // One HTTP call per subgraph: Apollo's planner fetches `me.healthCode` and `dependents.healthCode`
    // apart, and the gateway sends the two as one batch (gateway/fetch-batching.ts).
    expect(cost.requests, JSON.stringify(cost)).toBe(2);
    // identity: the caller's person with the household's persons, which is also its viewer. health-status,
    // one context for the batch: the viewer carrying the events check, then the codes of all three
    // carrying the read-audit rows (its viewer is a projection of identity's: the "principal's binding").
    expect(cost.own.identity, JSON.stringify(cost)).toBe(1);
    expect(cost.own['health-status'], JSON.stringify(cost)).toBe(2);
    expect(cost.total, JSON.stringify(cost)).toBe(3);
    // Fewer statements, not fewer audit rows: health-status recorded the guardian's read of each dependent.
    const read = await rows<{ person_id: string; relation: string }>(
      t.stack.db['health-status'].db,
      sql`select person_id, detail->>'relation' as relation from health_status.audit_log where action = 'READ_PERSON' and at >= ${readAt}::timestamptz`,
    );
    expect(read.map((r) => r.relation)).toEqual(['GUARDIAN', 'GUARDIAN']);
    expect(new Set(read.map((r) => r.person_id)).size).toBe(2);
  });

  it("W3 submitDeclaration: at most 6 statements, and the response already shows the declaration's effect", async () => {
    for (const [temperature, color] of [[36.6, 'GREEN'], [38.6, 'YELLOW']] as const) {
      const cost = await measure(guardian.caller, SUBMIT, { input: { temperature } });
      const submitted = cost.data.submitDeclaration as { person: { healthCode: { color: string } } };
      expect(submitted.person.healthCode.color).toBe(color);
      expect(cost.total, JSON.stringify(cost)).toBeLessThanOrEqual(6);
      // health-status applied the event inside the request (read-your-writes), counted apart.
      expect(cost.consumers, JSON.stringify(cost)).toBeGreaterThan(0);
    }
  });

  it('W4 colorCounts: one statement, the same with more residents', async () => {
    const small = await measure(t.as('dev-dashboard'), COUNTS, { level: 'CITY' });
    for (let i = 0; i < 3; i++) await newResident(t);
    const large = await measure(t.as('dev-dashboard'), COUNTS, { level: 'CITY' });
    expect(small.own, JSON.stringify(small)).toEqual({ 'health-status': 1 });
    expect(large.own, JSON.stringify(large)).toEqual(small.own);
  });
  it('checkInAtPlace: the place, the viewer, the colour and the visit, 4 statements', async () => {
    const reg = await t.gql<{ registerPlace: { token: string } }>(t.as('dev-admin'), 'mutation { registerPlace(input: { name: "青秀区农贸市场", county: "450103", kind: MARKET }) { token } }');
    expect(reg.errors).toBeUndefined();
    // The residents W4 registered are still on their way to health-status: a read of the guardian's code
    // brings its consumer up to date first, so the check-in is measured as the others are, settled.
    expect((await t.gql(guardian.caller, '{ me { healthCode { color } } }')).errors).toBeUndefined();
    const cost = await measure(guardian.caller, 'mutation($t: String!) { checkInAtPlace(token: $t) { color place { name } } }', { t: reg.data!.registerPlace.token });
    // W3 above may have turned the guardian yellow: the card shows whatever the stored colour is.
    expect(cost.data.checkInAtPlace).toEqual({ color: expect.stringMatching(/^(GREEN|YELLOW|RED)$/), place: { name: '青秀区农贸市场' } });
    expect(cost.own, JSON.stringify(cost)).toEqual({ 'health-status': 4 });
  });
});
