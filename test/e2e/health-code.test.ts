import { count, eq } from 'drizzle-orm';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthCodes, riskDesignations } from '../../subgraphs/health-status/db/tables.js';
import type { DailyReevaluation } from '../../subgraphs/health-status/modules/codes/rollover.js';
import { SUBMIT, residentId } from '../factories/people.js';
import { newResident } from '../helpers/people.js';
import { startTestStack, TestClock, type TestStack } from '../helpers/stack.js';
import { designateApproved, TEST_BASIS } from '../helpers/designations.js';

const CODE = '{ me { id healthCode { color reasons { code since source progress { normalDays required } awaitingLift } normalDays greenOn ruleVersion token expiresAt } } }';
type Code = { color: string; reasons: { code: string; since: string; source: string; progress: { normalDays: number; required: number } | null }[]; greenOn: string | null; token: string; expiresAt: string; normalDays: number; ruleVersion: string };
const DESIGNATE = 'mutation($input: DesignateRiskInput!) { designateRisk(input: $input) { designation { id kind source } person { id } } }';

describe('health codes through the gateway', () => {
  let t: TestStack;
  const clock = new TestClock(Date.parse('2026-11-20T09:00:00+08:00'));
  const codeOf = async (caller: { key?: string; channelUser?: string }) => (await t.gql<{ me: { healthCode: Code } }>(caller, CODE)).data!.me.healthCode;

  beforeAll(async () => {
    t = await startTestStack({ EVENTS_POLL_MS: '3600000' }, { clock });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('turns a resident RED with R_CLOSE_CONTACT on the very next request after the authority designates them', async () => {
    const doc = residentId();
    const r = await newResident(t, 'dev-channel-wechat-zzg', { documentNumber: doc });
    expect((await codeOf(r.caller)).color).toBe('GREEN');
    const res = await designateApproved(t, DESIGNATE, { input: { document: { number: doc }, kind: 'CLOSE_CONTACT', since: clock.now().toISOString() } });
    expect(res.errors).toBeUndefined();
    const code = await codeOf(r.caller);
    expect(code).toMatchObject({ color: 'RED', ruleVersion: 'gx-2020.1', reasons: [{ code: 'R_CLOSE_CONTACT', source: 'AUTHORITY', progress: { normalDays: 0, required: 14 } }] });
  });

  it('refuses designateRisk to a channel, and riskDesignations too', async () => {
    const r = await newResident(t);
    // Neither is in a channel's contract (docs/contracts.md): refused as unknown fields, before any plan.
    const res = await t.gql(r.caller, DESIGNATE, { input: { personId: r.id, kind: 'CONFIRMED', since: clock.now().toISOString() } });
    expect(res.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const read = await t.gql(r.caller, '{ me { riskDesignations { id } } }');
    expect(read.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await t.stack.db['health-status'].db.select({ n: count() }).from(riskDesignations).where(eq(riskDesignations.personId, r.id)))[0]!.n).toBe(0);
  });

  it("bounds a person's designation list to the newest `first`", async () => {
    const r = await newResident(t);
    const kinds = ['KEY_AREA', 'CLOSE_CONTACT'];
    for (const [i, kind] of kinds.entries()) {
      const since = new Date(clock.now().getTime() - (kinds.length - i) * 3600_000).toISOString();
      expect((await designateApproved(t, DESIGNATE, { input: { personId: r.id, kind, since } })).errors).toBeUndefined();
    }
    const LIST = 'query($id: ID!, $n: Int) { person(id: $id) { riskDesignations(first: $n) { kind } } }';
    const newest = await t.gql<{ person: { riskDesignations: { kind: string }[] } }>(t.as('dev-authority'), LIST, { id: r.id, n: 1 });
    expect(newest.data!.person.riskDesignations).toEqual([{ kind: 'CLOSE_CONTACT' }]);
    const all = await t.gql<{ person: { riskDesignations: { kind: string }[] } }>(t.as('dev-authority'), LIST, { id: r.id });
    expect(all.data!.person.riskDesignations.map((d) => d.kind)).toEqual(['CLOSE_CONTACT', 'KEY_AREA']);
    const tooMany = await t.gql(t.as('dev-authority'), LIST, { id: r.id, n: 1000 });
    expect(tooMany.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BAD_PAGE_SIZE' });
  });

  it("returns the declaration's effect on the code in the mutation's own response", async () => {
    const r = await newResident(t);
    const res = await t.gql<{ submitDeclaration: { person: { healthCode: { color: string; reasons: { code: string }[] } } } }>(
      r.caller,
      'mutation($input: SubmitDeclarationInput!) { submitDeclaration(input: $input) { person { healthCode { color reasons { code } } } } }',
      { input: { temperature: 38.4 } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.submitDeclaration.person.healthCode).toEqual({ color: 'YELLOW', reasons: [{ code: 'Y_FEVER' }] });
  });

  it('walks a close contact through 14 normal days: still RED on day 14, GREEN on day 15; stored and read colours agree', async () => {
    const r = await newResident(t);
    await designateApproved(t, DESIGNATE, { input: { personId: r.id, kind: 'CLOSE_CONTACT', since: clock.now().toISOString() } });
    const day0 = clock.now();
    const daily = (t.stack.modules['health-status'] as unknown as { background: [unknown, DailyReevaluation] }).background[1];
    const stored = async () => (await t.stack.db['health-status'].db.select().from(healthCodes).where(eq(healthCodes.personId, r.id)))[0]!;
    try {
      for (let d = 1; d <= 14; d++) {
        clock.advanceDays(1);
        const res = await t.gql(r.caller, SUBMIT, { input: { temperature: 36.5 } });
        expect(res.errors).toBeUndefined();
      }
      const day14 = await codeOf(r.caller);
      expect(day14).toMatchObject({ color: 'RED', normalDays: 14, reasons: [{ code: 'R_CLOSE_CONTACT', progress: { normalDays: 14, required: 14 } }] });
      expect(day14.greenOn).toBe(new Date(day0.getTime() + 15 * 864e5 + 8 * 36e5).toISOString().slice(0, 10));

      clock.advanceDays(1);
      // Nobody asks: the daily job alone brings the stored colour to the day.
      await daily.runOnce();
      expect((await stored()).color).toBe('GREEN');
      const day15 = await codeOf(r.caller);
      expect(day15).toMatchObject({ color: 'GREEN', reasons: [], greenOn: null });
      expect((await stored()).color).toBe(day15.color);
    } finally {
      clock.set(day0.toISOString());
    }
  });

  it('issues a token that verifies with nothing but the JWKS the gateway publishes', async () => {
    const r = await newResident(t);
    const { token, expiresAt } = await codeOf(r.caller);
    const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', t.stack.gateway.url));
    const at = clock.now();
    const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer: '450000', currentDate: at, typ: 'hc+jwt' });
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: expect.any(String) });
    expect(payload).toMatchObject({ color: 'GREEN', rv: 'gx-2020.1' });
    expect(payload.sub).not.toBe(r.id);
    expect(JSON.stringify(payload)).not.toMatch(/450103/);
    expect((payload.exp! - payload.iat!) / 60).toBe(5);
    expect(Date.parse(expiresAt)).toBe(payload.exp! * 1000);

    // One character of the payload changed: the signature no longer holds.
    const [h, p, s] = token.split('.');
    const flipped = p!.slice(0, 10) + (p![10] === 'A' ? 'B' : 'A') + p!.slice(11);
    await expect(jwtVerify(`${h}.${flipped}.${s}`, jwks, { issuer: '450000', currentDate: at })).rejects.toThrow();
    // A screenshot expires.
    await expect(jwtVerify(token, jwks, { issuer: '450000', currentDate: new Date(payload.exp! * 1000 + 1000) })).rejects.toThrow(/exp/);
  });

  it('designates a list all-or-nothing, and skips unknown documents only when asked', async () => {
    const docs = [residentId(), residentId(), residentId()];
    for (const d of docs) await newResident(t, 'dev-channel-alipay', { documentNumber: d });
    const unknownDoc = residentId({ birthDate: '1999-09-09' });
    const BULK = 'mutation($input: DesignateRisksInput!) { designateRisks(input: $input) { designated unknown { index maskedNumber } } }';
    const basis = TEST_BASIS;
    const documents = [...docs, unknownDoc].map((number) => ({ number }));
    const since = clock.now().toISOString();
    const designationCount = async () => (await t.stack.db['health-status'].db.select({ n: count() }).from(riskDesignations))[0]!.n;
    const before = await designationCount();

    const strict = await t.gql(t.as('dev-authority'), BULK, { input: { kind: 'CLOSE_CONTACT', since, documents, basis } });
    expect(strict.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'UNKNOWN_DOCUMENTS', unknown: [3] });
    expect(await designationCount()).toBe(before);

    const bad = await t.gql(t.as('dev-authority'), BULK, { input: { kind: 'CLOSE_CONTACT', since, documents: [...documents, { number: '450103199001011230' }], basis } });
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_DOCUMENTS' });

    const lenient = await t.gql(t.as('dev-authority'), BULK, { input: { kind: 'CLOSE_CONTACT', since, documents, skipUnknown: true, basis } });
    expect(lenient.data).toEqual({ designateRisks: { designated: 3, unknown: [{ index: 3, maskedNumber: `${unknownDoc.slice(0, 6)}********${unknownDoc.slice(-4)}` }] } });
    expect(await designationCount()).toBe(before + 3);
  });

  it('lifts a designation once: GREEN again, and CONFLICT the second time', async () => {
    const r = await newResident(t);
    const d = await designateApproved<{ designateRisk: { designation: { id: string } } }>(t, DESIGNATE, {
      input: { personId: r.id, kind: 'KEY_AREA', since: clock.now().toISOString() },
    });
    expect((await codeOf(r.caller)).color).toBe('YELLOW');
    const LIFT = 'mutation($id: ID!) { liftRisk(designationId: $id, note: "wrong list") { designation { liftedAt liftNote } person { healthCode { color } } } }';
    const lifted = await t.gql(t.as('dev-authority'), LIFT, { id: d.data!.designateRisk.designation.id });
    expect(lifted.data).toMatchObject({ liftRisk: { designation: { liftNote: 'wrong list' }, person: { healthCode: { color: 'GREEN' } } } });
    const again = await t.gql(t.as('dev-authority'), LIFT, { id: d.data!.designateRisk.designation.id });
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_LIFTED' });
  });

  // Issue 21, item 4. Last in this block: it moves the shared clock into gx-2026.1 (from 2026-12-08).
  it('keeps a declared fever after a same-day amendment drops it, until a mistaken-entry correction is upheld', async () => {
    clock.set('2026-12-09T09:00:00+08:00');
    const AMEND = `mutation($input: SubmitDeclarationInput!) { submitDeclaration(input: $input) {
      declaration { version normal versions { version temperature symptoms } }
      person { healthCode { color ruleVersion reasons { code correctionPending correctionDays } } } } }`;
    const FILE = 'mutation($input: FileAppealInput!) { fileAppeal(input: $input) { id status ground declarationDate reasonCode } }';
    const DECIDE = 'mutation($input: DecideAppealInput!) { decideAppeal(input: $input) { status person { healthCode { color reasons { code } } } } }';
    type Amended = { submitDeclaration: { declaration: { version: number; normal: boolean; versions: unknown[] }; person: { healthCode: { color: string; ruleVersion: string; reasons: unknown[] } } } };
    const declareBoth = async (caller: { key?: string; channelUser?: string }) => {
      const first = await t.gql<Amended>(caller, AMEND, { input: { temperature: 38.6, symptoms: ['FEVER', 'COUGH'] } });
      expect(first.data!.submitDeclaration.person.healthCode).toEqual({
        color: 'YELLOW',
        ruleVersion: 'gx-2026.1',
        reasons: [
          { code: 'Y_FEVER', correctionPending: false, correctionDays: [] },
          { code: 'Y_SYMPTOMS', correctionPending: false, correctionDays: [] },
        ],
      });
      return t.gql<Amended>(caller, AMEND, { input: { temperature: 36.6 } });
    };

    // The resident mistyped 38.6 for 36.8 and re-submits: the version is kept, the colour stays.
    const r = await newResident(t);
    const amended = await declareBoth(r.caller);
    expect(amended.data!.submitDeclaration).toEqual({
      declaration: {
        version: 2,
        normal: true,
        versions: [
          { version: 1, temperature: 38.6, symptoms: ['FEVER', 'COUGH'] },
          { version: 2, temperature: 36.6, symptoms: [] },
        ],
      },
      person: {
        healthCode: {
          color: 'YELLOW',
          ruleVersion: 'gx-2026.1',
          reasons: [
            { code: 'Y_FEVER', correctionPending: true, correctionDays: ['2026-12-09'] },
            { code: 'Y_SYMPTOMS', correctionPending: true, correctionDays: ['2026-12-09'] },
          ],
        },
      },
    });
    expect(await codeOf(r.caller)).toMatchObject({ color: 'YELLOW', normalDays: 0, greenOn: '2026-12-24' });

    // A correction names a day whose amendment awaits one; anything else changes nothing.
    const appealsOf = async () => (await t.gql<{ person: { appeals: unknown[] } }>(r.caller, 'query($id: ID!) { person(id: $id) { appeals { id } } }', { id: r.id })).data!.person.appeals;
    const wrongDay = await t.gql(r.caller, FILE, { input: { personId: r.id, reasonCode: 'Y_FEVER', ground: 'MISTAKEN_ENTRY', declarationDate: '2026-12-08', statement: '把 36.8 误填为 38.6' } });
    expect(wrongDay.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_CORRECTION_PENDING' });
    const dateWithoutGround = await t.gql(r.caller, FILE, { input: { personId: r.id, reasonCode: 'Y_FEVER', declarationDate: '2026-12-09', statement: '把 36.8 误填为 38.6' } });
    expect(dateWithoutGround.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNEXPECTED_DATE' });
    expect(await appealsOf()).toEqual([]);

    const filed = await t.gql<{ fileAppeal: { id: string } }>(r.caller, FILE, { input: { personId: r.id, reasonCode: 'Y_FEVER', ground: 'MISTAKEN_ENTRY', statement: '把 36.8 误填为 38.6' } });
    expect(filed.data!.fileAppeal).toMatchObject({ status: 'OPEN', ground: 'MISTAKEN_ENTRY', declarationDate: '2026-12-09', reasonCode: 'Y_FEVER' });
    expect((await codeOf(r.caller)).color).toBe('YELLOW');
    const upheld = await t.gql(t.as('dev-authority'), DECIDE, { input: { appealId: filed.data!.fileAppeal.id, decision: 'UPHELD', note: '核实为误填' } });
    // Upheld: the latest version counts for that day, and it is normal.
    expect(upheld.data).toEqual({ decideAppeal: { status: 'UPHELD', person: { healthCode: { color: 'GREEN', reasons: [] } } } });
    expect(await codeOf(r.caller)).toMatchObject({ color: 'GREEN', normalDays: 1, reasons: [] });

    // Declined: the strictest version keeps counting, and the flag stays.
    const other = await newResident(t);
    await declareBoth(other.caller);
    const filedToo = await t.gql<{ fileAppeal: { id: string } }>(other.caller, FILE, { input: { personId: other.id, reasonCode: 'Y_SYMPTOMS', ground: 'MISTAKEN_ENTRY', statement: '填错了' } });
    const rejected = await t.gql(t.as('dev-authority'), DECIDE, { input: { appealId: filedToo.data!.fileAppeal.id, decision: 'REJECTED' } });
    expect(rejected.data).toEqual({ decideAppeal: { status: 'REJECTED', person: { healthCode: { color: 'YELLOW', reasons: [{ code: 'Y_FEVER' }, { code: 'Y_SYMPTOMS' }] } } } });
  });
});

describe('signing key rotation', () => {
  it('keeps a token signed before the rotation valid until it expires, and signs new ones with the new key', async () => {
    const { createTestDatabase } = await import('../helpers/db.js');
    const { newSigningKey, randomSecrets } = await import('../../common/platform/config.js');
    const database = await createTestDatabase();
    const secrets = randomSecrets();
    const [k1] = secrets.codeSigningKeys;
    let before: TestStack | undefined;
    let after: TestStack | undefined;
    try {
      before = await startTestStack({}, { secrets, database });
      const r = await newResident(before);
      const old = (await before.gql<{ me: { healthCode: { token: string } } }>(r.caller, '{ me { healthCode { token } } }')).data!.me.healthCode.token;
      await before.close();
      before = undefined;

      const k2 = newSigningKey();
      after = await startTestStack({}, { secrets: { ...secrets, codeSigningKeys: [k1!, k2] }, database });
      const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', after.stack.gateway.url));
      // Tokens are judged at the graph's time, which a test may set (TEST_CLOCK), not the wall clock.
      await expect(jwtVerify(old, jwks, { issuer: '450000', currentDate: after.clock.now() })).resolves.toMatchObject({ protectedHeader: { kid: k1!.kid } });
      const fresh = (await after.gql<{ me: { healthCode: { token: string } } }>(r.caller, '{ me { healthCode { token } } }')).data!.me.healthCode.token;
      expect(decodeProtectedHeader(fresh).kid).toBe(k2.kid);
      await expect(jwtVerify(fresh, jwks, { issuer: '450000', currentDate: after.clock.now() })).resolves.toBeTruthy();
    } finally {
      await before?.close();
      await after?.close();
      await database.drop();
    }
  });
});
