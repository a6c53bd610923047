import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADD_DEPENDENT, dependentInput, residentId } from '../factories/people.js';
import { newResident, type Resident } from '../helpers/people.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';
import { IdentityRepository } from '../../subgraphs/identity/db/repository.js';

interface Entry {
  role: string;
  organisation: string;
  action: string;
  operation: string | null;
  ticket: string | null;
  at: string;
}
interface Log {
  edges: { cursor: string; node: Entry }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const LOG_FIELDS = 'edges { cursor node { role organisation action operation ticket what at } } pageInfo { hasNextPage endCursor }';
const MY_LOG = `query MyAccessLog($first: Int, $after: String) { me { accessLog(first: $first, after: $after) { ${LOG_FIELDS} } } }`;

/**
 * Issue 15 item 4, "who looked at my data": a read of a person's data by anyone but the person and
 * their guardians reaches the person's access log through the gateway, with role, organisation and
 * the operation; only the person and their guardians read it.
 */
describe('access log', () => {
  let t: TestStack;

  beforeAll(async () => {
    t = await startTestStack();
  });
  afterAll(async () => {
    await t?.close();
  });

  const myLog = async (r: Resident, vars: Record<string, unknown> = {}) => {
    const res = await t.gql<{ me: { accessLog: Log } }>(r.caller, MY_LOG, vars);
    expect(res.errors).toBeUndefined();
    return res.data!.me.accessLog;
  };

  it("shows the health authority's read with its operation, as the commission and never as the officer; the person's own reads are not there", async () => {
    const r = await newResident(t);
    expect((await t.gql(r.caller, 'query Mine { me { displayName healthCode { color } declarations { edges { node { id } } } } }')).errors).toBeUndefined();
    expect((await myLog(r)).edges).toEqual([]);

    const read = await t.gql(t.as('dev-authority'), 'query CaseReview($id: ID!) { person(id: $id) { displayName documentNumber healthCode { color } } }', { id: r.id });
    expect(read.errors).toBeUndefined();

    const log = await myLog(r);
    const seen = log.edges.map((e) => `${e.node.role} ${e.node.organisation} ${e.node.action} ${e.node.operation}`).sort();
    expect(seen).toEqual([
      'authority 卫生健康委员会 READ_DOCUMENT_NUMBER CaseReview',
      'authority 卫生健康委员会 READ_PERSON CaseReview',
      'authority 卫生健康委员会 READ_PERSON CaseReview',
    ]);
    // The demo officer's credential subject is `gx-cdc-demo`: it never reaches the resident.
    expect(JSON.stringify(log)).not.toContain('gx-cdc-demo');
    // Reading the log is not a read of someone else's data: still the same entries.
    expect((await myLog(r)).edges).toHaveLength(3);
  });

  it('pages newest first with cursors', async () => {
    const r = await newResident(t);
    for (const op of ['First', 'Second', 'Third']) {
      expect((await t.gql(t.as('dev-authority'), `query ${op}($id: ID!) { person(id: $id) { displayName } }`, { id: r.id })).errors).toBeUndefined();
    }
    const one = await myLog(r, { first: 2 });
    expect(one.edges.map((e) => e.node.operation)).toEqual(['Third', 'Second']);
    expect(one.pageInfo.hasNextPage).toBe(true);
    const two = await myLog(r, { first: 2, after: one.pageInfo.endCursor });
    expect(two.edges.map((e) => e.node.operation)).toEqual(['First']);
    expect(two.pageInfo.hasNextPage).toBe(false);
    const bad = await t.gql(r.caller, MY_LOG, { after: 'bm90LWEtY3Vyc29y' });
    expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it("names the checkpoint that scanned the code, by the place's name", async () => {
    const reg = await t.gql<{ registerCheckpoint: { id: string } }>(t.as('dev-admin'), 'mutation($i: RegisterCheckpointInput!) { registerCheckpoint(input: $i) { id } }', {
      i: { name: '南湖小区东门', kind: 'COMMUNITY_GATE', region: '450103', address: '青秀区双拥路' },
    });
    expect(reg.errors).toBeUndefined();
    const { issueApiKey } = await import('../../scripts/api-keys.js');
    const issued = await issueApiKey(t.stack.db, 'checkpoint', reg.data!.registerCheckpoint.id, 'east gate');
    const r = await newResident(t);
    const code = await t.gql<{ me: { healthCode: { token: string } } }>(r.caller, '{ me { healthCode { token } } }');
    const scan = await t.gql({ headers: { 'x-api-key': issued.key } }, 'mutation GateScan($input: VerifyCodeInput!) { verifyCode(input: $input) { pass } }', {
      input: { token: code.data!.me.healthCode.token, temperature: 36.5 },
    });
    expect(scan.errors).toBeUndefined();
    const log = await myLog(r);
    expect(log.edges.map((e) => e.node)).toMatchObject([{ role: 'checkpoint', organisation: '南湖小区东门', action: 'VERIFY_CODE', operation: 'GateScan' }]);
  });

  it("lets a guardian read a dependent's log, and refuses a channel reading anyone else's", async () => {
    const guardian = await newResident(t);
    const added = await t.gql<{ addDependent: { dependent: { id: string } } }>(guardian.caller, ADD_DEPENDENT, {
      input: dependentInput({ documentNumber: residentId({ birthDate: '1942-03-04' }) }),
    });
    expect(added.errors).toBeUndefined();
    const grandma = added.data!.addDependent.dependent.id;
    // The guardian's own reads of the dependent are not in the dependent's log.
    expect((await t.gql(guardian.caller, 'query Household { me { dependents { displayName healthCode { color } } } }')).errors).toBeUndefined();
    expect((await t.gql(t.as('dev-authority'), 'query Trace($id: ID!) { person(id: $id) { displayName } }', { id: grandma })).errors).toBeUndefined();

    const viaHousehold = await t.gql<{ me: { dependents: { accessLog: Log }[] } }>(guardian.caller, `query { me { dependents { accessLog { ${LOG_FIELDS} } } } }`);
    expect(viaHousehold.errors).toBeUndefined();
    expect(viaHousehold.data!.me.dependents[0]!.accessLog.edges.map((e) => [e.node.role, e.node.operation])).toEqual([['authority', 'Trace']]);
    const direct = await t.gql<{ person: { accessLog: Log } }>(guardian.caller, `query($id: ID!) { person(id: $id) { accessLog { ${LOG_FIELDS} } } }`, { id: grandma });
    expect(direct.data!.person.accessLog.edges).toHaveLength(1);

    // Another resident: refused, and nothing of the log leaks in the answer.
    const stranger = await newResident(t);
    const byId = await t.gql(stranger.caller, `query($id: ID!) { person(id: $id) { accessLog { ${LOG_FIELDS} } } }`, { id: guardian.id });
    expect(byId.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(byId.data?.person ?? null).toBeNull();
  });

  it('refuses every principal but a channel at the gateway, the authority included', async () => {
    const r = await newResident(t);
    const res = await t.gql(t.as('dev-authority'), `query($id: ID!) { person(id: $id) { accessLog { ${LOG_FIELDS} } } }`, { id: r.id });
    expect(res.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('keeps one entry per event however often it is delivered (at-least-once delivery)', async () => {
    const r = await newResident(t);
    const repo = new IdentityRepository(t.stack.db.identity.db);
    const payload = { personId: r.id, principalKind: 'province', principalSubject: '440000', action: 'PARTNER_REQUEST_STATUS', operation: 'Again', ticket: null, organisation: null, what: null };
    const event = { id: 987_654_321, stream: 'interop.access_events', type: 'PersonDataAccessed', personId: r.id, payload: { ...payload }, occurredAt: new Date().toISOString() };
    for (let i = 0; i < 3; i++) await repo.accessLog.events.PersonDataAccessed(repo.db, payload, event);
    expect((await myLog(r)).edges.map((e) => [e.node.organisation, e.node.operation])).toEqual([['广东省', 'Again']]);
  });
});
