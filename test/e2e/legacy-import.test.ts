import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../common/platform/audit.js';
import { PostgresEventTransport } from '../../common/platform/events/postgres-transport.js';
import { events as identityEvents, auditLog, channelBindings, guardianships, legacyConflicts, persons } from '../../subgraphs/identity/db/tables.js';
import { IdentityRepository } from '../../subgraphs/identity/db/repository.js';
import { importLegacyFile, type LegacyFileOptions } from '../../subgraphs/identity/modules/legacy/legacy-import.js';
import { riskDesignations } from '../../subgraphs/health-status/db/tables.js';
import type { DailyReevaluation } from '../../subgraphs/health-status/modules/codes/rollover.js';
import { ADD_DEPENDENT, SUBMIT, dependentInput, residentId, withWrongCheck } from '../factories/people.js';
import { newResident } from '../helpers/people.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const ME = '{ me { id displayName healthCode { color reasons { code source } } } }';
type Me = { me: { id: string; displayName: string; healthCode: { color: string; reasons: { code: string; source: string }[] } } | null };

const IMPORT = /* GraphQL */ `
  mutation Import($vendor: String!, $records: [LegacyRecordInput!]!) {
    importLegacyRecords(vendor: $vendor, records: $records) {
      created bound unchanged designated
      rejected { line reason }
      conflicts { line vendorUser kind reason documentMasked }
    }
  }
`;
const CONFLICTS = '{ legacyConflicts(first: 100) { edges { node { vendor vendorUser kind reason personId documentMasked } } } }';

interface Rec {
  vendorUserId: string;
  name: string;
  documentNumber: string;
  region: string;
  color: string;
  colorSince?: string;
  phone?: string;
}

const rec = (over: Partial<Rec> = {}): Rec => ({
  vendorUserId: `u-${randomUUID()}`,
  name: '陈静',
  documentNumber: residentId(),
  region: '450103',
  color: 'GREEN',
  phone: '13800771234',
  ...over,
});

describe('legacy import (八码归一), through the gateway', () => {
  let t: TestStack;
  let dir: string;
  const deps = () => ({
    repo: new IdentityRepository(t.stack.db.identity.db),
    events: new PostgresEventTransport(t.stack.db.identity.db, t.database.connection),
    secrets: t.config.secrets,
  });
  const importFile = (vendor: string, path: string, opts: Partial<LegacyFileOptions> = {}) =>
    importLegacyFile(deps(), { vendor, path, actor: systemActor(`legacy-import:${vendor}`), clock: t.clock.now, batchSize: 3, ...opts });
  const jsonl = (name: string, lines: (Rec | string)[]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
    return path;
  };
  const db = () => t.stack.db.identity.db;
  const n = async (q: Promise<{ n: number }[]>) => (await q)[0]!.n;

  beforeAll(async () => {
    // An import writes outside any request, so the first read after it brings health-status up to
    // date with the whole batch: on a loaded machine that may take longer than the default deadline.
    t = await startTestStack({ GATEWAY_SUBGRAPH_TIMEOUT_MS: '15000' });
    dir = mkdtempSync(join(tmpdir(), 'hcg-legacy-'));
  });
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('merges one document from two vendors into one person, reports conflicts and bad lines, and changes nothing on a re-import', async () => {
    const shared = rec({ name: '黄丽' });
    const alipayOnly = rec({ name: '覃海' });
    const mismatch = rec({ name: '李四' });
    const twoDocsUser = rec({ name: '韦强' });
    const alipay = jsonl('alipay.jsonl', [
      shared,
      alipayOnly,
      { ...twoDocsUser, vendorUserId: 'a-two-docs' },
      rec({ documentNumber: withWrongCheck(residentId()) }),
      '{"vendorUserId": "broken"',
      rec({ region: '450999' }),
      { ...rec(), vendorUserId: 'a-two-docs' },
      mismatch,
    ]);
    const first = await importFile('alipay', alipay);
    expect(first).toMatchObject({ lines: 8, created: 4, bound: 4, unchanged: 0, rejected: 3, conflicts: 1 });

    const csvPath = join(dir, 'wechat.csv');
    writeFileSync(
      csvPath,
      [
        'vendorUserId,name,documentType,documentNumber,phone,region,color,colorSince,birthDate,sex',
        `w-shared,${shared.name},,${shared.documentNumber},,450103,green,,,`,
        `w-mismatch,王五,RESIDENT_ID,${mismatch.documentNumber},,450103,GREEN,,,`,
        'w-short,only,three',
        `w-new,蒙丽,,${residentId()},,450102,GREEN,,,`,
      ].join('\n'),
    );
    const reports: unknown[] = [];
    const second = await importFile('wechat-zzg', csvPath, { report: (r, c) => void reports.push(...r, ...c) });
    expect(second).toMatchObject({ lines: 4, created: 1, bound: 2, rejected: 1, conflicts: 1 });
    expect(reports).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 4, reason: 'MALFORMED_LINE' }),
        expect.objectContaining({ line: 3, vendorUser: 'w-mismatch', kind: 'DOCUMENT_HOLDER_MISMATCH', reason: 'NAME' }),
      ]),
    );

    // The same person through both channels.
    const viaAlipay = await t.gql<Me>(t.as('dev-channel-alipay', shared.vendorUserId), ME);
    const viaWechat = await t.gql<Me>(t.as('dev-channel-wechat-zzg', 'w-shared'), ME);
    expect(viaAlipay.data!.me!.id).toBe(viaWechat.data!.me!.id);
    expect(viaAlipay.data!.me!.healthCode.color).toBe('GREEN');

    // Bad lines by their line numbers: check character, malformed JSON, region.
    const rejects: { line: number; reason: string }[] = [];
    await importFile('alipay', alipay, { report: (r) => void rejects.push(...r) });
    expect(rejects.map((r) => [r.line, r.reason])).toEqual([
      [4, 'BAD_CHECK_CHARACTER'],
      [5, 'MALFORMED_LINE'],
      [6, 'BAD_REGION'],
    ]);

    // Re-importing changes nothing: no person, binding, event or conflict more.
    const before = [await n(db().select({ n: count() }).from(persons)), await n(db().select({ n: count() }).from(channelBindings)), await n(db().select({ n: count() }).from(identityEvents)), await n(db().select({ n: count() }).from(legacyConflicts))];
    const again = await importFile('wechat-zzg', csvPath);
    expect(again).toMatchObject({ created: 0, bound: 0, unchanged: 2, conflicts: 1 });
    const after = [await n(db().select({ n: count() }).from(persons)), await n(db().select({ n: count() }).from(channelBindings)), await n(db().select({ n: count() }).from(identityEvents)), await n(db().select({ n: count() }).from(legacyConflicts))];
    expect(after).toEqual(before);

    // Conflicts, for operators only.
    const listed = await t.gql<{ legacyConflicts: { edges: { node: { vendor: string; vendorUser: string; kind: string; reason: string; personId: string } }[] } }>(t.as('dev-admin'), CONFLICTS);
    const nodes = listed.data!.legacyConflicts.edges.map((e) => e.node);
    expect(nodes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ vendor: 'alipay', vendorUser: 'a-two-docs', kind: 'VENDOR_USER_TWO_DOCUMENTS', reason: 'OTHER_DOCUMENT' }),
        expect.objectContaining({ vendor: 'wechat-zzg', vendorUser: 'w-mismatch', kind: 'DOCUMENT_HOLDER_MISMATCH', reason: 'NAME' }),
      ]),
    );
    expect((await t.gql(t.as('dev-authority'), CONFLICTS)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    // Not in a channel's contract: as unknown to it as a field that does not exist.
    const denied = await t.gql(t.as('dev-channel-alipay', shared.vendorUserId), CONFLICTS);
    expect(denied.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // The conflicting wechat user was not bound to anyone.
    expect((await t.gql<Me>(t.as('dev-channel-wechat-zzg', 'w-mismatch'), ME)).data!.me).toBeNull();
  });

  it("keeps a vendor's RED as a LEGACY designation until 14 normal days clear it; GREEN adds nothing", async () => {
    const red = rec({ color: 'RED', colorSince: new Date(t.clock.now().getTime() - 3 * 864e5).toISOString() });
    const green = rec();
    await importFile('alipay', jsonl(`red-${randomUUID()}.jsonl`, [red, green]));
    const caller = t.as('dev-channel-alipay', red.vendorUserId);
    expect((await t.gql<Me>(caller, ME)).data!.me!.healthCode).toEqual({ color: 'RED', reasons: [{ code: 'R_CLOSE_CONTACT', source: 'LEGACY:alipay' }] });
    expect((await t.gql<Me>(t.as('dev-channel-alipay', green.vendorUserId), ME)).data!.me!.healthCode).toEqual({ color: 'GREEN', reasons: [] });
    const start = t.clock.now().toISOString();
    try {
      for (let d = 1; d <= 14; d++) {
        t.clock.advanceDays(1);
        const res = await t.gql(caller, SUBMIT, { input: { temperature: 36.5 } });
        expect(res.errors).toBeUndefined();
      }
      expect((await t.gql<Me>(caller, ME)).data!.me!.healthCode.color).toBe('RED');
      t.clock.advanceDays(1);
      // Nobody declares on day 15: the daily rollover alone clears it.
      await (t.stack.modules['health-status'] as unknown as { background: [unknown, DailyReevaluation] }).background[1].runOnce();
      expect((await t.gql<Me>(caller, ME)).data!.me!.healthCode).toEqual({ color: 'GREEN', reasons: [] });
    } finally {
      t.clock.set(start);
    }
  });

  it('is safe to run again after a crash mid-file: the same result as one clean run', async () => {
    const lines = Array.from({ length: 10 }, (_, i) => rec({ color: i % 3 === 0 ? 'YELLOW' : 'GREEN' }));
    const path = jsonl(`crash-${randomUUID()}.jsonl`, lines);
    let batchesDone = 0;
    await expect(
      importFile('aiguangxi', path, {
        afterBatch: () => {
          if (++batchesDone === 2) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    const users = lines.map((l) => l.vendorUserId);
    const boundNow = async () => (await db().select().from(channelBindings).where(eq(channelBindings.channel, 'aiguangxi'))).filter((b) => users.includes(b.channelUser)).length;
    expect(await boundNow()).toBe(6);
    const rerun = await importFile('aiguangxi', path);
    expect(rerun).toMatchObject({ lines: 10, created: 4, bound: 4, unchanged: 6 });
    expect(await boundNow()).toBe(10);
    // Each vendor YELLOW became exactly one designation, across the crash.
    for (const l of lines) {
      const me = await t.gql<Me>(t.as('dev-channel-aiguangxi', l.vendorUserId), ME);
      expect(me.data!.me!.healthCode.color).toBe(l.color);
    }
    const legacy = await t.stack.db['health-status'].db.select().from(riskDesignations).where(eq(riskDesignations.source, 'LEGACY:aiguangxi'));
    expect(legacy).toHaveLength(lines.filter((l) => l.color === 'YELLOW').length);
  });

  it('imports a small batch through the admin mutation, with positions for bad records; channels may not', async () => {
    const good = rec({ color: 'YELLOW' });
    const records = [good, rec({ region: '110101' })];
    const res = await t.gql<{ importLegacyRecords: { created: number; designated: number; rejected: { line: number; reason: string }[] } }>(t.as('dev-admin'), IMPORT, { vendor: 'alipay', records });
    expect(res.errors).toBeUndefined();
    expect(res.data!.importLegacyRecords).toMatchObject({ created: 1, designated: 1, rejected: [{ line: 2, reason: 'BAD_REGION' }] });
    expect((await t.gql<Me>(t.as('dev-channel-alipay', good.vendorUserId), ME)).data!.me!.healthCode.color).toBe('YELLOW');
    const again = await t.gql<{ importLegacyRecords: { created: number; unchanged: number } }>(t.as('dev-admin'), IMPORT, { vendor: 'alipay', records: [good] });
    expect(again.data!.importLegacyRecords).toMatchObject({ created: 0, unchanged: 1 });
    const unknown = await t.gql(t.as('dev-admin'), IMPORT, { vendor: 'nobody', records: [good] });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_CHANNEL' });
    expect((await t.gql(t.as('dev-authority'), IMPORT, { vendor: 'alipay', records: [rec()] })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const denied = await t.gql(t.as('dev-channel-alipay', 'x'), IMPORT, { vendor: 'alipay', records: [rec()] });
    expect(denied.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it("ends the links a vendor's user never accepted, as their own registration does, in the batch that binds them (issue 21)", async () => {
    // A neighbour added an elderly woman with no phone of ours (the age rule: a provisional link) and printed her a paper code.
    const documentNumber = residentId({ birthDate: '1946-03-03' });
    const neighbour = await newResident(t, 'dev-channel-wechat-zzg', { name: '马骏' });
    const added = await t.gql<{ addDependent: { linked: boolean; dependent: { id: string } } }>(neighbour.caller, ADD_DEPENDENT, {
      input: dependentInput({ name: '韦秀英', documentNumber, relation: 'OTHER' }),
    });
    expect(added.data!.addDependent.linked).toBe(true);
    const id = added.data!.addDependent.dependent.id;
    const paper = (await t.gql<{ issuePaperCode: { token: string } }>(neighbour.caller, 'mutation($id: ID!) { issuePaperCode(personId: $id) { token } }', { id })).data!.issuePaperCode.token;
    const scan = async () =>
      (await t.gql<{ verifyCode: { pass: boolean; reason: string | null } }>(t.as('dev-checkpoint'), 'mutation($t: String!) { verifyCode(input: { token: $t }) { pass reason } }', { t: paper })).data!.verifyCode;
    expect(await scan()).toMatchObject({ pass: true });

    // She had used a vendor's app all along: the import binds her vendor user, her own channel.
    const holder = rec({ name: '韦秀英', documentNumber });
    expect(await importFile('alipay', jsonl('holder.jsonl', [holder]))).toMatchObject({ created: 0, bound: 1, conflicts: 0 });

    const active = await db().select().from(guardianships).where(eq(guardianships.dependentId, id));
    expect(active.filter((g) => !g.removedAt)).toEqual([]);
    expect((await t.gql(neighbour.caller, 'query($id: ID!) { person(id: $id) { displayName } }', { id })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(await scan()).toMatchObject({ pass: false, reason: 'REVOKED' });
    const own = t.as('dev-channel-alipay', holder.vendorUserId);
    const mine = await t.gql<{ me: { id: string; guardians: unknown[]; guardianshipRequests: unknown[]; accessLog: { edges: { node: unknown }[] } } }>(
      own,
      '{ me { id guardians { relation } guardianshipRequests { requesterName relation status } accessLog { edges { node { role organisation action what } } } } }',
    );
    expect(mine.data!.me).toMatchObject({ id, guardians: [], guardianshipRequests: [{ requesterName: '马骏', relation: 'OTHER', status: 'PENDING' }] });
    expect(mine.data!.me.accessLog.edges.map((e) => e.node)).toContainEqual({ role: 'system', organisation: '家庭成员', action: 'UNCONFIRMED_GUARDIAN_ENDED', what: 'guardian 马*' });
    const ended = await db().select().from(auditLog).where(and(eq(auditLog.personId, id), eq(auditLog.action, 'UNCONFIRMED_GUARDIAN_ENDED')));
    expect(ended.map((r) => r.detail)).toEqual([expect.objectContaining({ channel: 'alipay', channelUser: holder.vendorUserId, guardianId: neighbour.id, basis: 'NEW_PERSON', shownToPerson: true })]);
  });
});
