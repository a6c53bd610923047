import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../common/platform/db.js';
import { SUBMIT, residentId } from '../factories/people.js';
import { newResident } from '../helpers/people.js';
import { REGISTER_PARTNER, REQUEST_STATUS, SimulatedPartner } from '../helpers/partner.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const READ = 'query($id: ID!) { person(id: $id) { displayName todayDeclaration { normal } healthCode { color } } }';

/**
 * SPEC §8: every read of a person's data by someone other than the person leaves an audit row in
 * the subgraph that owns the data, whichever subgraph that is: the assembler drains each request's
 * collected rows, so no subgraph can forget to.
 */
describe('read audit in every subgraph', () => {
  let t: TestStack;

  beforeAll(async () => {
    t = await startTestStack();
  });
  afterAll(async () => {
    await t?.close();
  });

  const auditRows = async (owner: 'identity' | 'declarations' | 'health-status' | 'interop', personId: string) =>
    rows<{ action: string; principal_kind: string }>(
      t.stack.db[owner].db,
      sql.raw(`select action, principal_kind from ${owner.replace('-', '_')}.audit_log where person_id = '${personId}' order by action`),
    );

  it("records the authority reading a person's name, declaration and code, once per subgraph that answered", async () => {
    const r = await newResident(t);
    expect((await t.gql(r.caller, SUBMIT, { input: { temperature: 36.5 } })).errors).toBeUndefined();
    // The person reading themselves leaves no read row.
    expect((await t.gql(r.caller, '{ me { displayName todayDeclaration { normal } healthCode { color } } }')).errors).toBeUndefined();
    for (const owner of ['identity', 'declarations', 'health-status'] as const) {
      expect((await auditRows(owner, r.id)).filter((a) => a.action === 'READ_PERSON'), owner).toEqual([]);
    }

    const res = await t.gql<{ person: { healthCode: { color: string } } }>(t.as('dev-authority'), READ, { id: r.id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.person.healthCode.color).toBe('GREEN');
    for (const owner of ['identity', 'declarations', 'health-status'] as const) {
      expect((await auditRows(owner, r.id)).filter((a) => a.action === 'READ_PERSON'), owner).toEqual([{ action: 'READ_PERSON', principal_kind: 'authority' }]);
    }
  });

  it("records a partner province reading a resident's colour in interop", async () => {
    const partner = await SimulatedPartner.create('440000');
    const registered = await t.gql(t.as('dev-admin'), REGISTER_PARTNER, { input: { code: '440000', name: '广东省', kind: 'PROVINCE', keys: partner.jwks, rights: ['REQUEST_STATUS'] } });
    expect(registered.errors).toBeUndefined();
    const doc = residentId();
    const r = await newResident(t, 'dev-channel-alipay', { documentNumber: doc });
    const res = await partner.call(t, REQUEST_STATUS, { input: { documentNumber: doc, purpose: 'FLIGHT', requestId: `gd-${randomUUID()}` } });
    expect(res.errors).toBeUndefined();
    expect(await auditRows('interop', r.id)).toEqual([{ action: 'PARTNER_REQUEST_STATUS', principal_kind: 'province' }]);
  });
});
