import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSigningKey } from '../../common/platform/config.js';
import { KeyRing } from '../../common/platform/keys.js';
import { issueApiKey } from '../../scripts/api-keys.js';
import { DEMO_CHECKPOINT_ID } from '../../scripts/seed.js';
import { auditLog, roadChecks, scanCounters, scans as scanTable } from '../../subgraphs/health-status/db/tables.js';
import { ADD_DEPENDENT, dependentInput, residentId } from '../factories/people.js';
import { newResident, type Resident } from '../helpers/people.js';
import { startTestStack, TestClock, type GqlResult, type TestStack } from '../helpers/stack.js';
import { designateApproved } from '../helpers/designations.js';

const VERIFY = 'mutation($input: VerifyCodeInput!) { verifyCode(input: $input) { pass reason color tokenColor reasons paper person { maskedName } checkedAt } }';
type Verdict = { pass: boolean; reason: string | null; color: string | null; tokenColor: string | null; reasons: string[]; paper: boolean; person: { maskedName: string } | null; checkedAt: string };
const DESIGNATE = 'mutation($input: DesignateRiskInput!) { designateRisk(input: $input) { designation { id } } }';

describe('checkpoints, scans, appeals and paper codes through the gateway', () => {
  let t: TestStack;
  const clock = new TestClock(Date.parse('2026-11-21T08:30:00+08:00'));
  const gate = () => t.as('dev-checkpoint');
  const tokenOf = async (r: Resident) => (await t.gql<{ me: { healthCode: { token: string } } }>(r.caller, '{ me { healthCode { token } } }')).data!.me.healthCode.token;
  const scan = async (token: string, temperature?: number) => {
    const res = await t.gql<{ verifyCode: Verdict }>(gate(), VERIFY, { input: { token, temperature } });
    expect(res.errors).toBeUndefined();
    return res.data!.verifyCode;
  };

  beforeAll(async () => {
    t = await startTestStack({}, { clock });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('passes a GREEN resident at 36.5 °C, stops them at 38.1 °C and makes their code YELLOW (Y_FEVER)', async () => {
    const r = await newResident(t, 'dev-channel-wechat-zzg', { name: '张三丰' });
    const token = await tokenOf(r);
    expect(await scan(token, 36.5)).toMatchObject({ pass: true, reason: null, color: 'GREEN', tokenColor: 'GREEN', reasons: [], paper: false, person: { maskedName: '张**' } });
    expect(await scan(token, 38.1)).toMatchObject({ pass: false, reason: 'FEVER', color: 'YELLOW', tokenColor: 'GREEN', reasons: ['Y_FEVER'] });
    const code = await t.gql(r.caller, '{ me { healthCode { color reasons { code source } } } }');
    expect(code.data).toEqual({ me: { healthCode: { color: 'YELLOW', reasons: [{ code: 'Y_FEVER', source: 'CHECKPOINT' }] } } });
  });

  it('stops a RED resident whatever their temperature', async () => {
    const r = await newResident(t);
    const token = await tokenOf(r);
    await designateApproved(t, DESIGNATE, { input: { personId: r.id, kind: 'CLOSE_CONTACT', since: clock.now().toISOString() } });
    expect(await scan(token, 36.4)).toMatchObject({ pass: false, reason: 'RED', color: 'RED', tokenColor: 'GREEN', reasons: ['R_CLOSE_CONTACT'] });
  });

  it('refuses expired, altered, foreign-signed and revoked tokens with distinct reasons, and logs each attempt', async () => {
    const r = await newResident(t);
    const token = await tokenOf(r);
    const [h, p, s] = token.split('.');
    const sig = Buffer.from(s!, 'base64url');
    sig[0]! ^= 0x01; // a flipped bit in the decoded signature: always a different signature
    const altered = `${h}.${p}.${sig.toString('base64url')}`;
    const stranger = await KeyRing.from([newSigningKey()]);
    const foreign = (await stranger.sign({ sub: decodeJwt(token).sub, color: 'GREEN', rv: 'gx-2020.1' }, { issuer: '450000', ttlSeconds: 300, typ: 'hc+jwt', now: clock.now() })).token;

    expect((await scan(altered)).reason).toBe('BAD_SIGNATURE');
    expect((await scan(foreign)).reason).toBe('UNKNOWN_KEY');
    expect((await scan('not.a.token')).reason).toBe('MALFORMED');
    clock.advanceDays(6 / (24 * 60));
    try {
      expect(await scan(token)).toMatchObject({ pass: false, reason: 'EXPIRED', person: null, color: null });
    } finally {
      clock.advanceDays(-6 / (24 * 60));
    }
    const logged = await t.gql<{ scans: { edges: { node: { reason: string; pass: boolean } }[] } }>(
      t.as('dev-authority'),
      'query($c: ID!, $f: DateTime!, $t: DateTime!) { scans(checkpointId: $c, from: $f, to: $t, first: 100) { edges { node { reason pass } } } }',
      { c: DEMO_CHECKPOINT_ID, f: new Date(clock.now().getTime() - 36e5).toISOString(), t: new Date(clock.now().getTime() + 36e5).toISOString() },
    );
    const reasons = logged.data!.scans.edges.map((e) => e.node.reason);
    expect(reasons).toEqual(expect.arrayContaining(['BAD_SIGNATURE', 'UNKNOWN_KEY', 'MALFORMED', 'EXPIRED']));
  });

  it('refuses verifyCode to a channel', async () => {
    const r = await newResident(t);
    const res = await t.gql(r.caller, VERIFY, { input: { token: await tokenOf(r) } });
    // Not in a channel's contract (docs/contracts.md): as unknown to it as a field that does not exist.
    expect(res.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it("lets an operator register a checkpoint and issue its key, and records that checkpoint's scans", async () => {
    const reg = await t.gql<{ registerCheckpoint: { id: string } }>(t.as('dev-admin'), 'mutation($i: RegisterCheckpointInput!) { registerCheckpoint(input: $i) { id } }', {
      i: { name: '南宁东站进站口', kind: 'TRANSPORT_HUB', region: '450103', address: '青秀区凤岭北路' },
    });
    expect(reg.errors).toBeUndefined();
    const checkpointId = reg.data!.registerCheckpoint.id;
    await expect(issueApiKey(t.stack.db, 'checkpoint', '01900000-0000-7000-8000-000000000bad')).rejects.toThrow(/no registered checkpoint/);
    await expect(issueApiKey(t.stack.db, 'province', '440000')).rejects.toThrow(/kind must be/);
    await expect(issueApiKey(t.stack.db, 'channel', 'no-such-channel')).rejects.toThrow(/no registered channel no-such-channel/);
    const issued = await issueApiKey(t.stack.db, 'checkpoint', checkpointId, 'east station');

    const r = await newResident(t);
    const res = await t.gql<{ verifyCode: Verdict }>({ headers: { 'x-api-key': issued.key } }, VERIFY, { input: { token: await tokenOf(r), temperature: 36.6 } });
    expect(res.data!.verifyCode).toMatchObject({ pass: true, color: 'GREEN' });
    const traced = await t.gql<{ scans: { edges: { node: { person: { id: string } } }[] } }>(
      t.as('dev-authority'),
      'query($c: ID!, $f: DateTime!, $t: DateTime!) { scans(checkpointId: $c, from: $f, to: $t, first: 10) { edges { node { person { id } } } } }',
      { c: checkpointId, f: new Date(clock.now().getTime() - 60_000).toISOString(), t: new Date(clock.now().getTime() + 60_000).toISOString() },
    );
    expect(traced.data!.scans.edges.map((e) => e.node.person.id)).toEqual([r.id]);

    // The registry lists page by page, and by region: the seeded gate and this one are both in 南宁市.
    type Page = { checkpoints: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const LIST = 'query($r: String, $a: String) { checkpoints(region: $r, first: 1, after: $a) { edges { node { id } } pageInfo { hasNextPage endCursor } } }';
    const first = await t.gql<Page>(t.as('dev-authority'), LIST, { r: '450100' });
    expect(first.data!.checkpoints.edges.map((e) => e.node.id)).toEqual([DEMO_CHECKPOINT_ID]);
    expect(first.data!.checkpoints.pageInfo.hasNextPage).toBe(true);
    const second = await t.gql<Page>(t.as('dev-authority'), LIST, { r: '450100', a: first.data!.checkpoints.pageInfo.endCursor });
    expect(second.data!.checkpoints.edges.map((e) => e.node.id)).toEqual([checkpointId]);
    expect((await t.gql<Page>(t.as('dev-authority'), LIST, { r: '450200' })).data!.checkpoints.edges).toEqual([]);
  });

  it('traces exactly the scans in the window, paginated, for the authority only', async () => {
    const start = clock.now();
    const r = await newResident(t);
    const token = await tokenOf(r);
    for (let i = 0; i < 5; i++) {
      clock.advanceDays(1 / (24 * 60)); // a minute apart
      await scan(token, 36.5);
    }
    const query = `query($f: DateTime!, $t: DateTime!, $a: String) {
      scans(checkpointId: "${DEMO_CHECKPOINT_ID}", from: $f, to: $t, first: 2, after: $a) { edges { node { at person { id } } } pageInfo { hasNextPage endCursor } }
    }`;
    const from = new Date(start.getTime() + 90_000).toISOString(); // skips the first scan
    const to = new Date(start.getTime() + 4.5 * 60_000).toISOString(); // and the fifth
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      type Page = { scans: { edges: { node: { at: string; person: { id: string } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
      const res: GqlResult<Page> = await t.gql<Page>(t.as('dev-authority'), query, { f: from, t: to, a: after });
      seen.push(...res.data!.scans.edges.filter((e) => e.node.person?.id === r.id).map((e) => e.node.at));
      if (!res.data!.scans.pageInfo.hasNextPage) break;
      after = res.data!.scans.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(3);
    const byPerson = await t.gql(t.as('dev-authority'), 'query($id: ID!, $f: DateTime!, $t: DateTime!) { person(id: $id) { scans(from: $f, to: $t) { edges { node { pass } } } } }', { id: r.id, f: from, t: to });
    expect((byPerson.data as { person: { scans: { edges: unknown[] } } }).person.scans.edges).toHaveLength(3);
    // Tracing is not in a checkpoint's contract at all.
    const asGate = await t.gql(gate(), query, { f: from, t: to, a: null });
    expect(asGate.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('upholds an appeal against a wrong KEY_AREA designation: GREEN again, appeal and decision audited', async () => {
    const r = await newResident(t);
    await designateApproved(t, DESIGNATE, { input: { personId: r.id, kind: 'KEY_AREA', since: clock.now().toISOString() } });
    const filed = await t.gql<{ fileAppeal: { id: string; status: string } }>(r.caller, 'mutation($input: FileAppealInput!) { fileAppeal(input: $input) { id status reasonCode } }', {
      input: { personId: r.id, reasonCode: 'Y_KEY_AREA', statement: '我没有去过疫区' },
    });
    expect(filed.data!.fileAppeal.status).toBe('OPEN');
    const twice = await t.gql(r.caller, 'mutation($input: FileAppealInput!) { fileAppeal(input: $input) { id } }', { input: { personId: r.id, reasonCode: 'Y_KEY_AREA', statement: 'again' } });
    expect(twice.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'APPEAL_OPEN' });

    const open = await t.gql<{ appeals: { edges: { node: { id: string } }[] } }>(t.as('dev-authority'), '{ appeals { edges { node { id } } } }');
    expect(open.data!.appeals.edges.map((e) => e.node.id)).toContain(filed.data!.fileAppeal.id);
    const decided = await t.gql(t.as('dev-authority'), 'mutation($input: DecideAppealInput!) { decideAppeal(input: $input) { status decisionNote person { healthCode { color } } } }', {
      input: { appealId: filed.data!.fileAppeal.id, decision: 'UPHELD', note: 'not on the list' },
    });
    expect(decided.data).toEqual({ decideAppeal: { status: 'UPHELD', decisionNote: 'not on the list', person: { healthCode: { color: 'GREEN' } } } });
    const actions = (await t.stack.db['health-status'].db.select().from(auditLog).where(eq(auditLog.personId, r.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['DESIGNATE_RISK', 'FILE_APPEAL', 'DECIDE_APPEAL', 'COLOR_CHANGED']));
  });

  it('issues a paper code a checkpoint accepts, then refuses once revoked, and publishes the revocation', async () => {
    const guardian = await newResident(t);
    const added = await t.gql<{ addDependent: { dependent: { id: string } } }>(guardian.caller, ADD_DEPENDENT, { input: dependentInput({ documentNumber: residentId({ birthDate: '1936-06-06' }) }) });
    const grandma = added.data!.addDependent.dependent.id;
    const issued = await t.gql<{ issuePaperCode: { id: string; token: string; expiresAt: string } }>(guardian.caller, 'mutation($id: ID!) { issuePaperCode(personId: $id) { id token expiresAt } }', { id: grandma });
    expect(issued.errors).toBeUndefined();
    const { id, token } = issued.data!.issuePaperCode;
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ paper: true, rid: expect.any(String) });
    expect((claims.exp! - claims.iat!) / 86_400).toBe(30);
    expect(await scan(token, 36.2)).toMatchObject({ pass: true, paper: true });
    // The printed code and the screen code of the same person share no identifier.
    const household = await t.gql<{ me: { dependents: { healthCode: { token: string } }[] } }>(guardian.caller, '{ me { dependents { healthCode { token } } } }');
    const screen = decodeJwt(household.data!.me.dependents[0]!.healthCode.token);
    expect(screen.sub).toEqual(expect.any(String));
    expect(claims.sub).not.toBe(screen.sub);

    const stranger = await newResident(t, 'dev-channel-alipay');
    const denied = await t.gql(stranger.caller, 'mutation($id: ID!) { revokePaperCode(id: $id) { id } }', { id });
    expect(denied.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const revoked = await t.gql(guardian.caller, 'mutation($id: ID!) { revokePaperCode(id: $id) { revokedAt token } }', { id });
    expect(revoked.data).toMatchObject({ revokePaperCode: { token: null } });
    expect(await scan(token)).toMatchObject({ pass: false, reason: 'REVOKED' });

    const kid = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid as string;
    const list = (await (await fetch(new URL(`/.well-known/revocations/${kid}.json`, t.stack.gateway.url))).json()) as { kid: string; rids: string[] };
    expect(list).toMatchObject({ kid, rids: [claims.rid] });
  });
  describe('scans queued offline by the verifier page', () => {
    const MIN = 60_000;
    const TRACE = 'query($c: ID!, $f: DateTime!, $t: DateTime!) { scans(checkpointId: $c, from: $f, to: $t, first: 100) { edges { node { at recordedAt pass reason roadCheckId } } } }';
    const hs = () => t.stack.db['health-status'].db;

    it('records a scan sent twice once, judged as of the phone\'s scan time, with one audit row and one count', async () => {
      const r = await newResident(t);
      const token = await tokenOf(r);
      const scannedAt = clock.now().toISOString();
      // Synced ten minutes later: the 5-minute token has expired since, but was valid when scanned.
      clock.advanceDays(10 / (24 * 60));
      try {
        const scanId = randomUUID();
        const input = { token, temperature: 36.4, scanId, scannedAt };
        const first = await t.gql<{ verifyCode: Verdict }>(gate(), VERIFY, { input });
        expect(first.errors).toBeUndefined();
        expect(first.data!.verifyCode).toMatchObject({ pass: true, color: 'GREEN' });
        expect(Date.parse(first.data!.verifyCode.checkedAt)).toBe(Date.parse(scannedAt));
        const again = await t.gql<{ verifyCode: Verdict }>(gate(), VERIFY, { input });
        expect(again.data!.verifyCode).toEqual(first.data!.verifyCode);

        const rows = await hs().select().from(scanTable).where(eq(scanTable.clientScanId, scanId));
        expect(rows).toHaveLength(1);
        expect(new Date(rows[0]!.at).toISOString()).toBe(scannedAt);
        expect(new Date(rows[0]!.recordedAt!).toISOString()).toBe(clock.now().toISOString());
        const audits = await hs().select().from(auditLog).where(and(eq(auditLog.personId, r.id), eq(auditLog.action, 'VERIFY_CODE')));
        expect(audits).toHaveLength(1);
        // The hour's counter moved once (the trigger counts inserted rows only).
        const hour = new Date(Math.floor(Date.parse(scannedAt) / 36e5) * 36e5).toISOString();
        const counted = await hs().select().from(scanCounters).where(eq(scanCounters.checkpointId, DEMO_CHECKPOINT_ID));
        const before = counted.filter((c) => new Date(c.hour).toISOString() === hour).reduce((n, c) => n + c.scans, 0);
        await t.gql(gate(), VERIFY, { input });
        const after = (await hs().select().from(scanCounters).where(eq(scanCounters.checkpointId, DEMO_CHECKPOINT_ID))).filter((c) => new Date(c.hour).toISOString() === hour).reduce((n, c) => n + c.scans, 0);
        expect(after).toBe(before);
      } finally {
        clock.advanceDays(-10 / (24 * 60));
      }
    });

    it('refuses a scan time the server cannot believe, recording nothing, and records one before the token existed as refused', async () => {
      const r = await newResident(t);
      const token = await tokenOf(r);
      for (const scannedAt of [new Date(clock.now().getTime() + 3 * MIN), new Date(clock.now().getTime() - 73 * 60 * MIN)]) {
        const scanId = randomUUID();
        const res = await t.gql(gate(), VERIFY, { input: { token, scanId, scannedAt: scannedAt.toISOString() } });
        expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IMPLAUSIBLE_SCAN_TIME', field: 'input.scannedAt' });
        expect(await hs().select().from(scanTable).where(eq(scanTable.clientScanId, scanId))).toEqual([]);
      }
      const early = await t.gql<{ verifyCode: Verdict }>(gate(), VERIFY, { input: { token, scanId: randomUUID(), scannedAt: new Date(clock.now().getTime() - 10 * MIN).toISOString() } });
      expect(early.data!.verifyCode).toMatchObject({ pass: false, reason: 'IMPLAUSIBLE_SCAN_TIME' });
      const bad = await t.gql(gate(), VERIFY, { input: { token, scanId: 'not-a-uuid' } });
      expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BAD_SCAN_ID' });
    });

    it('records a car\'s passengers as one road check with their scans, once however often it is sent', async () => {
      const reg = await t.gql<{ registerCheckpoint: { id: string } }>(t.as('dev-admin'), 'mutation($i: RegisterCheckpointInput!) { registerCheckpoint(input: $i) { id } }', {
        i: { name: '兰海高速钦州东出口', kind: 'ROAD_CHECKPOINT', region: '450703' },
      });
      const road = { headers: { 'x-api-key': (await issueApiKey(t.stack.db, 'checkpoint', reg.data!.registerCheckpoint.id, 'road')).key } };
      const [a, b, c] = [await newResident(t), await newResident(t), await newResident(t)];
      expect((await designateApproved(t, DESIGNATE, { input: { personId: c!.id, kind: 'KEY_AREA', since: clock.now().toISOString() } })).errors).toBeUndefined();
      const ROAD = 'mutation($i: RoadCheckInput!) { recordRoadCheck(input: $i) { id plate people green yellow red unreadable pass passengers { pass color reason } } }';
      const input = {
        id: randomUUID(),
        plate: ' 桂a12345 ',
        scannedAt: clock.now().toISOString(),
        passengers: [
          { token: await tokenOf(a!), temperature: 36.5, scanId: randomUUID() },
          { token: await tokenOf(b!), scanId: randomUUID() },
          { token: await tokenOf(c!), scanId: randomUUID() },
          { token: 'not.a.token', scanId: randomUUID() },
        ],
      };
      const expected = { plate: '桂A12345', people: 4, green: 2, yellow: 1, red: 0, unreadable: 1, pass: false };
      const first = await t.gql<{ recordRoadCheck: Record<string, unknown> }>(road, ROAD, { i: input });
      expect(first.errors).toBeUndefined();
      expect(first.data!.recordRoadCheck).toMatchObject({ ...expected, id: input.id });
      expect((first.data!.recordRoadCheck.passengers as { reason: string | null }[]).map((p) => p.reason)).toEqual([null, null, 'YELLOW', 'MALFORMED']);
      const again = await t.gql<{ recordRoadCheck: Record<string, unknown> }>(road, ROAD, { i: input });
      expect(again.data!.recordRoadCheck).toEqual(first.data!.recordRoadCheck);

      expect(await hs().select().from(roadChecks).where(eq(roadChecks.id, input.id))).toHaveLength(1);
      const traced = await t.gql<{ scans: { edges: { node: { roadCheckId: string | null } }[] } }>(t.as('dev-authority'), TRACE, {
        c: reg.data!.registerCheckpoint.id,
        f: new Date(clock.now().getTime() - MIN).toISOString(),
        t: new Date(clock.now().getTime() + MIN).toISOString(),
      });
      expect(traced.data!.scans.edges.map((e) => e.node.roadCheckId)).toEqual([input.id, input.id, input.id, input.id]);

      // Bad input changes nothing; a gate that is not a road checkpoint records no road check.
      const dup = { ...input, id: randomUUID(), passengers: [input.passengers[0]!, input.passengers[0]!] };
      expect((await t.gql(road, ROAD, { i: dup })).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BAD_SCAN_ID' });
      expect((await t.gql(road, ROAD, { i: { ...input, id: randomUUID(), plate: '<b>' } })).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BAD_PLATE' });
      expect(await hs().select().from(roadChecks).where(eq(roadChecks.checkpointId, reg.data!.registerCheckpoint.id))).toHaveLength(1);
      expect((await t.gql(gate(), ROAD, { i: { ...input, id: randomUUID() } })).errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_ROAD_CHECKPOINT' });
    });
  });
});
