import { readFileSync } from 'node:fs';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PERSISTED_OPERATIONS } from '../../common/platform/config.js';
import { encodeCursor } from '../../common/platform/pagination.js';
import { declarationVersions } from '../../subgraphs/declarations/db/tables.js';
import { checkpoints, riskDesignations } from '../../subgraphs/health-status/db/tables.js';
import { persons } from '../../subgraphs/identity/db/tables.js';
import { REGISTER, SUBMIT, registerInput, residentId } from '../factories/people.js';
import { newResident, type Resident } from '../helpers/people.js';
import { startTestStack, TestClock, type GqlResult, type TestStack } from '../helpers/stack.js';
import { TEST_BASIS } from '../helpers/designations.js';

/** The probe's hostile inputs, through the gateway: each a BAD_USER_INPUT with a reason, none an INTERNAL, none written. */
const SAFELISTED = (name: string): string =>
  (JSON.parse(readFileSync(DEFAULT_PERSISTED_OPERATIONS, 'utf8')) as { operations: { name: string; body: string }[] }).operations.find((o) => o.name === name)!.body;
const DESIGNATE = 'mutation($input: DesignateRiskInput!) { designateRisk(input: $input) { designation { id } } }';
const CHECKPOINT = 'mutation($i: RegisterCheckpointInput!) { registerCheckpoint(input: $i) { id } }';

describe('input hygiene through the gateway', () => {
  let t: TestStack;
  let r: Resident;
  const clock = new TestClock(Date.parse('2026-12-01T09:00:00+08:00'));
  const refused = (res: GqlResult, reason: string, field?: string) => {
    expect(res.errors, JSON.stringify(res)).toHaveLength(1);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason, ...(field ? { field } : {}) });
    expect(JSON.stringify(res)).not.toMatch(/INTERNAL|Failed query/);
  };
  const rows = async (db: 'identity' | 'health-status' | 'declarations', table: typeof persons | typeof checkpoints | typeof riskDesignations | typeof declarationVersions) =>
    (await t.stack.db[db].db.select({ n: count() }).from(table))[0]!.n;

  beforeAll(async () => {
    t = await startTestStack({}, { clock });
    r = await newResident(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['a NUL in the address', { address: '民族大道\u0000100 号' }, 'CONTROL_CHARACTER', 'input.address'],
    ['a NUL in the name', { name: '李\u0000明' }, 'CONTROL_CHARACTER', 'input.name'],
    ['a NUL in the document number', { documentNumber: '450103\u0000' }, 'CONTROL_CHARACTER', 'input.documentNumber'],
    ['a 1 MB address', { address: 'a'.repeat(1_000_000) }, 'TOO_LONG', 'input.address'],
    ['an address of 201 characters', { address: '路'.repeat(201) }, 'TOO_LONG', 'input.address'],
    ['a right-to-left override in the name', { name: '李明\u202E' }, 'BIDI_CONTROL', 'input.name'],
    ['the whole province as residence', { region: '450000' }, 'BAD_REGION', 'input.region'],
    ['a city as residence', { region: '450100' }, 'BAD_REGION', 'input.region'],
  ])('registerPerson refuses %s', async (_what, overrides, reason, field) => {
    const before = await rows('identity', persons);
    refused(await t.gql(t.as('dev-channel-alipay', `u-${reason}-${field}`), REGISTER, { input: registerInput({ documentNumber: residentId(), ...overrides }) }), reason, field);
    expect(await rows('identity', persons)).toBe(before);
  });

  it('refuses a right-to-left override in a checkpoint name and a NUL in its address, and registers none', async () => {
    const before = await rows('health-status', checkpoints);
    const base = { name: '南门', kind: 'COMMUNITY_GATE', region: '450103', address: '青秀区' };
    refused(await t.gql(t.as('dev-admin'), CHECKPOINT, { i: { ...base, name: '南门\u202Egpj.exe' } }), 'BIDI_CONTROL', 'input.name');
    refused(await t.gql(t.as('dev-admin'), CHECKPOINT, { i: { ...base, address: '青秀区\u0000' } }), 'CONTROL_CHARACTER', 'input.address');
    expect(await rows('health-status', checkpoints)).toBe(before);
  });

  it('refuses a NUL and a 1 MB note in a designation, and a date that does not exist, and designates nothing', async () => {
    const before = await rows('health-status', riskDesignations);
    const input = { personId: r.id, kind: 'KEY_AREA', since: '2026-11-30T10:00:00+08:00', basis: TEST_BASIS };
    refused(await t.gql(t.as('dev-authority'), DESIGNATE, { input: { ...input, note: 'x\u0000' } }), 'CONTROL_CHARACTER', 'input.note');
    refused(await t.gql(t.as('dev-authority'), DESIGNATE, { input: { ...input, note: 'x'.repeat(1_000_000) } }), 'TOO_LONG', 'input.note');
    const feb30 = await t.gql(t.as('dev-authority'), DESIGNATE, { input: { ...input, since: '2026-02-30T10:00:00+08:00' } });
    expect(feb30.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    // A multi-line note is prose, and fine.
    expect((await t.gql(t.as('dev-authority'), DESIGNATE, { input: { ...input, note: '行程卡显示\n到访过重点地区' } })).errors).toBeUndefined();
    expect(await rows('health-status', riskDesignations)).toBe(before + 1);
  });

  it('refuses a NUL in an appeal statement', async () => {
    const res = await t.gql(r.caller, 'mutation($input: FileAppealInput!) { fileAppeal(input: $input) { id } }', { input: { personId: r.id, reasonCode: 'Y_KEY_AREA', statement: '我没去过\u0000' } });
    refused(res, 'CONTROL_CHARACTER', 'input.statement');
  });

  it.each([
    ['a trip in 1900', { trip: { fromRegion: '440103', toRegion: '450103', date: '1900-01-01', transport: 'TRAIN' } }, 'PAST_DATE', 'input.trip.date'],
    ['a NUL in the vehicle', { trip: { fromRegion: '440103', toRegion: '450103', date: '2026-11-30', transport: 'TRAIN', vehicle: 'G1\u0000' } }, 'CONTROL_CHARACTER', 'input.trip.vehicle'],
    ['a NUL in a region code', { exposures: [{ kind: 'KEY_AREA_STAY', regionCode: '420100\u0000' }] }, 'CONTROL_CHARACTER', 'input.exposures.0.regionCode'],
  ])('submitDeclaration refuses %s and writes nothing', async (_what, input, reason, field) => {
    const before = await rows('declarations', declarationVersions);
    refused(await t.gql(r.caller, SUBMIT, { input: { temperature: 36.5, ...input } }), reason, field);
    expect(await rows('declarations', declarationVersions)).toBe(before);
  });

  it.each([
    ['a date that is no date', encodeCursor(['x'])],
    ['30 February', encodeCursor(['2026-02-30'])],
    ['a NUL', encodeCursor(['2026-11-30\u0000'])],
    ['not base64 JSON', '%%%'],
  ])("refuses a forged cursor in the channel-safelisted Declarations' $after: %s", async (_what, after) => {
    refused(await t.gql(r.caller, SAFELISTED('Declarations'), { personId: r.id, after }), 'BAD_CURSOR', 'after');
  });

  it('refuses a forged keyset cursor in the authority lists (appeals, checkpoints)', async () => {
    const forged = encodeCursor(['yesterday', 'not-a-uuid']);
    refused(await t.gql(t.as('dev-authority'), 'query($a: String) { appeals(first: 5, after: $a) { edges { cursor } } }', { a: forged }), 'BAD_CURSOR');
    refused(await t.gql(t.as('dev-admin'), 'query($a: String) { checkpoints(first: 5, after: $a) { edges { cursor } } }', { a: forged }), 'BAD_CURSOR');
  });
});
