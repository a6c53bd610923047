import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../common/platform/db.js';
import type { EventConsumer } from '../../common/platform/events/consumer.js';
import { RETENTION_KINDS } from '../../common/domain/retention.js';
import { decommission, KEPT_TABLES, type Aggregates } from '../../scripts/decommission.js';
import { auditLog as declarationsAudit, declarationVersions } from '../../subgraphs/declarations/db/tables.js';
import { auditLog as healthAudit, healthCodes, persons as healthPersons, scans } from '../../subgraphs/health-status/db/tables.js';
import { auditLog as identityAudit, persons } from '../../subgraphs/identity/db/tables.js';
import { residentStatus } from '../../subgraphs/interop/db/tables.js';
import { ADD_DEPENDENT, dependentInput, REGISTER, registerInput, residentId, SUBMIT } from '../factories/people.js';
import { startTestStack, TestClock, type TestStack } from '../helpers/stack.js';

const DELETE = 'mutation { deleteMyAccount { deletedAt bindingsEnded kept { kind days keptAfterAccountDeletion } } }';
const POLICY = '{ retentionPolicy { rules { kind days countedFrom description keptAfterAccountDeletion } } }';
const VERIFY = 'mutation($input: VerifyCodeInput!) { verifyCode(input: $input) { pass } }';

/**
 * Every row of every table of every schema (system catalogs aside) that holds one of `needles` in any
 * column, as text (bytea columns read as text too): `schema.table` → rows found.
 */
async function walk(connection: Connection, needles: string[]): Promise<Record<string, number>> {
  const tables = await connection.query<{ schema: string; name: string; bytea: string[] | null }>(
    `select t.table_schema as schema, t.table_name as name,
            array_agg(quote_ident(c.column_name)) filter (where c.data_type = 'bytea') as bytea
       from information_schema.tables t join information_schema.columns c using (table_schema, table_name)
      where t.table_type = 'BASE TABLE' and t.table_schema not in ('pg_catalog', 'information_schema') and t.table_schema not like 'pg\\_%'
      group by 1, 2`,
  );
  expect(tables.length).toBeGreaterThan(40);
  const patterns = needles.map((n) => `%${n}%`);
  const found: Record<string, number> = {};
  for (const t of tables) {
    const rowText = `t::text`;
    const bytea = (t.bytea ?? []).map((c) => `encode(t.${c}, 'escape')`);
    const [row] = await connection.query<{ n: number }>(
      `select count(*)::int as n from "${t.schema}"."${t.name}" t where ${[rowText, ...bytea].map((e) => `${e} like any($1)`).join(' or ')}`,
      [patterns],
    );
    if (Number(row!.n)) found[`${t.schema}.${t.name}`] = Number(row!.n);
  }
  return found;
}

describe('retention through the gateway: the policy, a resident deleting their account, decommissioning', () => {
  let t: TestStack;
  const clock = new TestClock(Date.parse('2026-12-01T10:00:00+08:00'));
  const consumer = (name: 'declarations' | 'health-status' | 'interop') => t.stack.modules[name].background![0] as unknown as EventConsumer;
  const catchUp = () => Promise.all((['declarations', 'health-status', 'interop'] as const).map((n) => consumer(n).fresh()));

  beforeAll(async () => {
    t = await startTestStack({}, { clock });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('states the policy to any caller, with the documented defaults', async () => {
    for (const caller of [t.as('dev-channel-alipay', 'someone'), t.as('dev-dashboard')]) {
      const res = await t.gql<{ retentionPolicy: { rules: { kind: string; days: number; countedFrom: string; keptAfterAccountDeletion: string | null }[] } }>(caller, POLICY);
      expect(res.errors).toBeUndefined();
      const rules = res.data!.retentionPolicy.rules;
      expect(rules.map((r) => r.kind)).toEqual([...RETENTION_KINDS]);
      const days = Object.fromEntries(rules.map((r) => [r.kind, r.days]));
      expect(days).toMatchObject({ DECLARATIONS: 28, SCANS: 28, PLACE_VISITS: 28, DESIGNATIONS: 180, APPEALS: 180, AUDIT_LOG: 365 });
      expect(rules.find((r) => r.kind === 'DESIGNATIONS')!.countedFrom).toBe('AFTER_END');
    }
  });

  it("deletes a resident's account: every binding and their data gone in every subgraph, what the law keeps kept, each deletion counted", async () => {
    const documentNumber = residentId();
    const wechat = t.as('dev-channel-wechat-zzg', 'user-deleting');
    const alipay = t.as('dev-channel-alipay', 'user-deleting-too');
    const registered = await t.gql<{ registerPerson: { person: { id: string } } }>(wechat, REGISTER, { input: registerInput({ name: '注销者', documentNumber }) });
    const id = registered.data!.registerPerson.person.id;
    expect((await t.gql(alipay, REGISTER, { input: registerInput({ name: '注销者', documentNumber }) })).errors).toBeUndefined();
    const added = await t.gql<{ addDependent: { dependent: { id: string } } }>(wechat, ADD_DEPENDENT, { input: dependentInput({ name: '留下者', documentNumber: residentId({ birthDate: '1941-02-03' }) }) });
    const dependent = added.data!.addDependent.dependent.id;
    expect((await t.gql(wechat, SUBMIT, { input: { temperature: 36.5 } })).errors).toBeUndefined();
    const token = (await t.gql<{ me: { healthCode: { token: string } } }>(wechat, '{ me { healthCode { token } } }')).data!.me.healthCode.token;
    expect((await t.gql(t.as('dev-checkpoint'), VERIFY, { input: { token, temperature: 36.4 } })).errors).toBeUndefined();
    await catchUp();
    const hs = t.stack.db['health-status'].db;
    expect(await hs.$count(healthPersons, eq(healthPersons.personId, id))).toBe(1);

    const res = await t.gql<{ deleteMyAccount: { deletedAt: string; bindingsEnded: number; kept: { kind: string; keptAfterAccountDeletion: string }[] } }>(wechat, DELETE);
    expect(res.errors).toBeUndefined();
    expect(res.data!.deleteMyAccount.bindingsEnded).toBe(2);
    expect(res.data!.deleteMyAccount.kept.map((k) => k.kind)).toEqual(['SCANS', 'DESIGNATIONS', 'APPEALS', 'PARTNER_REQUESTS', 'AUDIT_LOG']);
    expect(res.data!.deleteMyAccount.kept.every((k) => k.keptAfterAccountDeletion.length > 20)).toBe(true);

    // Every channel's user is nobody now, at once; asking again is refused as from anyone unregistered.
    for (const caller of [wechat, alipay]) expect((await t.gql<{ me: unknown }>(caller, '{ me { id } }')).data!.me).toBeNull();
    expect((await t.gql(wechat, DELETE)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_REGISTERED' });
    const identity = t.stack.db.identity.db;
    expect(await identity.$count(persons, eq(persons.id, id))).toBe(0);
    // The dependent keeps their own record (the authority and a new guardian can still reach it).
    expect(await identity.$count(persons, eq(persons.id, dependent))).toBe(1);

    await catchUp();
    expect(await t.stack.db.declarations.db.$count(declarationVersions, eq(declarationVersions.personId, id))).toBe(0);
    expect(await hs.$count(healthPersons, eq(healthPersons.personId, id))).toBe(0);
    expect(await hs.$count(healthCodes, eq(healthCodes.personId, id))).toBe(0);
    expect(await t.stack.db.interop.db.$count(residentStatus, eq(residentStatus.personId, id))).toBe(0);
    // The tracing record stays until its own end date, under an id nothing links to anyone.
    expect(await hs.$count(scans, eq(scans.personId, id))).toBe(1);

    // Counted in each subgraph's audit log: counts, not contents.
    const [own] = await identity.select().from(identityAudit).where(and(eq(identityAudit.action, 'ACCOUNT_DELETED'), eq(identityAudit.personId, id)));
    expect(own!.detail).toMatchObject({ deleted: { persons: 1, channel_bindings: 2, guardianships: 1 } });
    const [decl] = await t.stack.db.declarations.db.select().from(declarationsAudit).where(and(eq(declarationsAudit.action, 'ACCOUNT_DELETED'), eq(declarationsAudit.personId, id)));
    expect(decl!.detail).toMatchObject({ deleted: { declaration_versions: 1 } });
    const [health] = await hs.select().from(healthAudit).where(and(eq(healthAudit.action, 'ACCOUNT_DELETED'), eq(healthAudit.personId, id)));
    expect(health!.detail).toMatchObject({ deleted: { persons: 1 } });
    expect(JSON.stringify([own, decl, health])).not.toContain('注销者');
  });

  it('decommissions: the aggregates exported first, then no table of any schema holds a readable name or document number, and the keys are gone', async () => {
    const people = [
      { name: '退役测试甲', documentNumber: residentId() },
      { name: '退役测试乙', documentNumber: residentId() },
    ];
    for (const [i, p] of people.entries()) {
      const caller = t.as('dev-channel-aiguangxi', `user-decommission-${i}`);
      expect((await t.gql(caller, REGISTER, { input: registerInput(p) })).errors).toBeUndefined();
      expect((await t.gql(caller, SUBMIT, { input: { temperature: 36.6 } })).errors).toBeUndefined();
    }
    await catchUp();
    const needles = people.flatMap((p) => [p.name, p.documentNumber]);
    // The walk finds what is there: the names in clear before.
    expect(Object.keys(await walk(t.database.connection, needles))).toContain('identity.persons');

    const out = join(mkdtempSync(join(tmpdir(), 'hcg-decommission-')), 'aggregates.json');
    const report = await decommission(t.database.connection, t.config, { out, now: clock.now(), env: {} });
    const aggregates = JSON.parse(readFileSync(out, 'utf8')) as Aggregates;
    expect(aggregates.declarationsPerDay.map((d) => d.date)).toContain('2026-12-01');
    expect(aggregates.residentsByRegionAndColour.length).toBeGreaterThan(0);
    expect(report.erased).toContain('identity.persons');
    expect(report.erased.some((name) => (KEPT_TABLES as readonly string[]).includes(name))).toBe(false);

    expect(await walk(t.database.connection, needles)).toEqual({});
    // Nor the demo residents' names, seeded at start.
    expect(await walk(t.database.connection, ['李明'])).toEqual({});
    expect(t.config.secrets.documentEncryptionKey.every((b) => b === 0) && t.config.secrets.documentIndexKey.every((b) => b === 0)).toBe(true);
    // What survives is the counters: the dashboards' numbers.
    const [counted] = await t.database.connection.query<{ n: number }>('select sum(declared)::int as n from declarations.day_counters');
    expect(Number(counted!.n)).toBeGreaterThanOrEqual(3);
  });
});
