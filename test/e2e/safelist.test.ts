import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PERSISTED_OPERATIONS } from '../../common/platform/config.js';
import { issueApiKey } from '../../scripts/api-keys.js';
import type { Manifest } from '../../scripts/operations.js';
import { DEMO_CHECKPOINT_ID } from '../../scripts/seed.js';
import { registerInput, residentId } from '../factories/people.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const manifest = JSON.parse(readFileSync(DEFAULT_PERSISTED_OPERATIONS, 'utf8')) as Manifest;
const op = (name: string) => manifest.operations.find((o) => o.name === name)!;

describe('the channel safelist (persisted operations), as production runs it', () => {
  let t: TestStack;
  beforeAll(async () => {
    t = await startTestStack({ PERSISTED_OPERATIONS: DEFAULT_PERSISTED_OPERATIONS });
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (headers: Record<string, string>, body: Record<string, unknown>) =>
    fetch(t.stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then(
      async (res) => ({ status: res.status, ...((await res.json()) as { data?: Record<string, unknown>; errors?: { extensions: Record<string, unknown> }[] }) }),
    );

  it('runs a listed operation sent in full or by its hash alone, and refuses anything else a channel sends', async () => {
    const user = { 'x-api-key': 'hcg_dev_channel_wechat-zzg', 'x-channel-user': `sl-${randomUUID()}` };
    const registered = await post(user, { query: op('RegisterPerson').body, variables: { input: registerInput({ documentNumber: residentId() }) } });
    expect(registered.errors).toBeUndefined();

    const byHash = await post(user, { extensions: { persistedQuery: { version: 1, sha256Hash: op('MyCode').id } } });
    expect(byHash.errors).toBeUndefined();
    expect(byHash.data).toMatchObject({ me: { healthCode: { color: 'GREEN' } } });

    const adHoc = await post(user, { query: '{ me { id healthCode { token } } }' });
    expect(adHoc.status).toBe(403);
    expect(adHoc.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OPERATION_NOT_SAFELISTED' });
    // A listed operation with one character changed is another operation.
    const altered = await post(user, { query: `${op('Me').body} ` });
    expect(altered.errors![0]!.extensions.reason).toBe('OPERATION_NOT_SAFELISTED');
    const unknownHash = await post(user, { extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update('{ me { id } }').digest('hex') } } });
    expect(unknownHash.errors![0]!.extensions.reason).toBe('OPERATION_NOT_SAFELISTED');
  });

  it("publishes the electronic ID code (Person.identityCode): by hash as me and by person id, its token verified at a service counter", async () => {
    const user = { 'x-api-key': 'hcg_dev_channel_alipay', 'x-channel-user': `sl-eid-${randomUUID()}` };
    const registered = await post(user, { query: op('RegisterPerson').body, variables: { input: registerInput({ name: '韦丽', documentNumber: residentId() }) } });
    expect(registered.errors).toBeUndefined();
    const mine = await post(user, { extensions: { persistedQuery: { version: 1, sha256Hash: op('MyIdentityCode').id } } });
    expect(mine.errors).toBeUndefined();
    const me = (mine.data as { me: { id: string; identityCode: { token: string; expiresAt: string } } }).me;
    const byId = await post(user, { extensions: { persistedQuery: { version: 1, sha256Hash: op('IdentityCode').id } }, variables: { personId: me.id } });
    expect(byId.errors).toBeUndefined();
    expect(byId.data).toMatchObject({ person: { id: me.id, identityCode: { token: expect.any(String) } } });

    const counter = await issueApiKey(t.stack.db, 'checkpoint', DEMO_CHECKPOINT_ID, '市民中心政务大厅', ['service-counter']);
    const verified = await post(
      { 'x-api-key': counter.key },
      { query: 'mutation($token: String!) { verifyIdentityCode(token: $token) { valid maskedName } }', variables: { token: me.identityCode.token } },
    );
    expect(verified.data).toEqual({ verifyIdentityCode: { valid: true, maskedName: '韦*' } });
  });

  it('never learns new operations from what clients send', async () => {
    const authority = { 'x-api-key': 'hcg_dev_authority' };
    const query = '{ checkpoints { edges { node { id } } } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    expect((await post(authority, { query, extensions: { persistedQuery: { version: 1, sha256Hash } } })).errors).toBeUndefined();
    const later = await post(authority, { extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(later.errors![0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('leaves other principals free to send their own operations', async () => {
    const res = await post({ 'x-api-key': 'hcg_dev_authority' }, { query: '{ appeals { edges { node { id } } } }' });
    expect(res.errors).toBeUndefined();
  });
});
