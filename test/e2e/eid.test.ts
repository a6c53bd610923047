import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPrincipal } from '../../common/domain/principal.js';
import { issueApiKey } from '../../scripts/api-keys.js';
import { DEMO_CHECKPOINT_ID } from '../../scripts/seed.js';
import { auditLog } from '../../subgraphs/eid/db/tables.js';
import { ADD_DEPENDENT, dependentInput, residentId } from '../factories/people.js';
import { newResident } from '../helpers/people.js';
import { startTestStack, TestClock, type Caller, type TestStack } from '../helpers/stack.js';

type Code = { token: string; expiresAt: string };
type Verified = { verifyIdentityCode: { valid: boolean; reason: string | null; maskedName: string | null; documentType: string | null; ageBand: string | null; expiresAt: string | null } };

const MY_CODE = '{ me { identityCode { token expiresAt } } }';
const CODE_OF = 'query($id: ID!) { person(id: $id) { identityCode { token expiresAt } } }';
const VERIFY = 'mutation($token: String!) { verifyIdentityCode(token: $token) { valid reason maskedName documentType ageBand expiresAt } }';

describe('the electronic ID code (eid subgraph) through the gateway', () => {
  let t: TestStack;
  let counter: Caller;
  let jwks: JSONWebKeySet;
  const clock = new TestClock(Date.parse('2026-12-01T10:00:00+08:00'));
  const auditRows = (personId: string, action: string) =>
    t.stack.db.eid.db.select().from(auditLog).where(and(eq(auditLog.personId, personId), eq(auditLog.action, action)));
  /** What a hotel's own software does with nothing but the published keys. */
  const verifyOffline = (token: string, at = clock.now()) =>
    jwtVerify(token, createLocalJWKSet(jwks), { issuer: '450000/eid', audience: 'identity-code', typ: 'hcg-eid+jwt', algorithms: ['EdDSA'], currentDate: at });

  beforeAll(async () => {
    t = await startTestStack({}, { clock });
    // A service counter is a checkpoint whose key holds the `service-counter` scope (docs/contracts.md).
    const issued = await issueApiKey(t.stack.db, 'checkpoint', DEMO_CHECKPOINT_ID, '市民中心政务大厅', ['service-counter']);
    counter = { key: issued.key };
    jwks = (await (await fetch(new URL('/.well-known/jwks.json', t.stack.gateway.url))).json()) as JSONWebKeySet;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('issues the person their code: masked name, document type, age band, verifiable offline with the JWKS alone', async () => {
    const number = residentId({ birthDate: '1990-03-07' });
    const r = await newResident(t, 'dev-channel-wechat-zzg', { name: '李明', documentNumber: number });
    const res = await t.gql<{ me: { identityCode: Code } }>(r.caller, MY_CODE);
    expect(res.errors).toBeUndefined();
    const { token, expiresAt } = res.data!.me.identityCode;
    expect(Date.parse(expiresAt) - clock.now().getTime()).toBe(t.config.codeTokenTtlSeconds * 1000);

    const { payload } = await verifyOffline(token);
    expect(payload).toMatchObject({ nm: '李*', doc: 'RESIDENT_ID', age: 'AGE_18_59', iss: '450000/eid' });
    // Never the number, the birth date, the colour or the person id, in any claim.
    const text = JSON.stringify(payload);
    for (const secret of [number, number.slice(6, 14), '1990-03-07', r.id, 'GREEN', '李明']) expect(text).not.toContain(secret);
    expect(Object.keys(payload).sort()).toEqual(['age', 'aud', 'doc', 'exp', 'iat', 'iss', 'nm', 'ref']);
    expect(await auditRows(r.id, 'ISSUE_IDENTITY_CODE')).toEqual([]);
  });

  it("issues a guardian their dependent's code, and audits it", async () => {
    const guardian = await newResident(t, 'dev-channel-aiguangxi');
    const added = await t.gql<{ addDependent: { dependent: { id: string } } }>(guardian.caller, ADD_DEPENDENT, {
      input: dependentInput({ documentNumber: residentId({ birthDate: '2015-06-01' }), name: '李小宝', relation: 'CHILD' }),
    });
    const child = added.data!.addDependent.dependent.id;
    const res = await t.gql<{ person: { identityCode: Code } }>(guardian.caller, CODE_OF, { id: child });
    expect(res.errors).toBeUndefined();
    expect((await verifyOffline(res.data!.person.identityCode.token)).payload).toMatchObject({ nm: '李**', age: 'UNDER_14' });
    expect(await auditRows(child, 'ISSUE_IDENTITY_CODE')).toEqual([expect.objectContaining({ principalKind: 'channel', principalSubject: 'aiguangxi', detail: { relation: 'GUARDIAN' } })]);
  });

  it('refuses anyone else: a stranger, the health authority, and a stranger calling eid directly', async () => {
    const r = await newResident(t);
    const stranger = await newResident(t, 'dev-channel-alipay');
    const viaGateway = await t.gql(stranger.caller, CODE_OF, { id: r.id });
    expect(viaGateway.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(viaGateway.data).toEqual({ person: null });

    const authority = await t.gql<{ person: { identityCode: null } }>(t.as('dev-authority'), CODE_OF, { id: r.id });
    expect(authority.data).toEqual({ person: { identityCode: null } });
    expect(authority.errors).toEqual([expect.objectContaining({ path: ['person', 'identityCode'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);

    // eid decides for itself, whatever identity fields a representation carries.
    const principal = await signPrincipal({ kind: 'channel', subject: 'alipay', channelUser: stranger.caller.channelUser, scopes: [] }, t.config.secrets.gatewaySecret);
    const direct = await t.gql<{ _entities: unknown[] }>(
      { headers: { 'x-hcg-principal': principal } },
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { identityCode { token } } } }',
      { r: [{ __typename: 'Person', id: r.id, maskedName: '李*', documentType: 'RESIDENT_ID', birthDate: '1990-01-01' }] },
      t.stack.subgraphs.eid.url,
    );
    expect(direct.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(JSON.stringify(direct.data)).not.toContain('token":"');
  });

  it('lets a service counter verify a code and audits whose it was; a plain checkpoint or a channel may not', async () => {
    const r = await newResident(t, 'dev-channel-wechat-zzg', { name: '王芳', documentNumber: residentId({ birthDate: '1960-01-15' }) });
    const token = (await t.gql<{ me: { identityCode: Code } }>(r.caller, MY_CODE)).data!.me.identityCode.token;

    const ok = await t.gql<Verified>(counter, VERIFY, { token });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.verifyIdentityCode).toMatchObject({ valid: true, reason: null, maskedName: '王*', documentType: 'RESIDENT_ID', ageBand: 'AGE_60_PLUS' });
    expect(await auditRows(r.id, 'VERIFY_IDENTITY_CODE')).toEqual([expect.objectContaining({ principalKind: 'checkpoint', principalSubject: DEMO_CHECKPOINT_ID })]);

    // A plain checkpoint has the field in its contract but not the scope; a channel has not even the field.
    const plain = await t.gql<Verified>(t.as('dev-checkpoint'), VERIFY, { token });
    expect(plain.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(plain.data).toBeNull();
    const channel = await t.gql<Verified>(r.caller, VERIFY, { token });
    expect(channel.errors![0]!.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(await auditRows(r.id, 'VERIFY_IDENTITY_CODE')).toHaveLength(1);
  });

  it('refuses an expired code, online and offline, and a health code token passed off as one', async () => {
    const r = await newResident(t);
    const { token } = (await t.gql<{ me: { identityCode: Code } }>(r.caller, MY_CODE)).data!.me.identityCode;
    const later = new Date(clock.now().getTime() + (t.config.codeTokenTtlSeconds + 60) * 1000);
    await expect(verifyOffline(token, later)).rejects.toBeInstanceOf(joseErrors.JWTExpired);
    clock.set(later.toISOString());
    try {
      const expired = await t.gql<Verified>(counter, VERIFY, { token });
      expect(expired.data!.verifyIdentityCode).toEqual({ valid: false, reason: 'EXPIRED', maskedName: null, documentType: null, ageBand: null, expiresAt: null });

      // Signed with the same keys, but a health code (typ hc+jwt) asserts no identity.
      const healthToken = (await t.gql<{ me: { healthCode: { token: string } } }>(r.caller, '{ me { healthCode { token } } }')).data!.me.healthCode.token;
      expect(decodeProtectedHeader(healthToken).kid).toBe(decodeProtectedHeader(token).kid);
      const wrongKind = await t.gql<Verified>(counter, VERIFY, { token: healthToken });
      expect(wrongKind.data!.verifyIdentityCode).toMatchObject({ valid: false, maskedName: null });

      const tampered = token.replace(/\.([^.]+)\./, () => `.${Buffer.from(JSON.stringify({ ...decodeJwt(token), age: 'AGE_18_59', exp: 9e9 })).toString('base64url')}.`);
      expect(body(await t.gql<Verified>(counter, VERIFY, { token: tampered }))).toMatchObject({ valid: false, reason: 'BAD_SIGNATURE' });
      expect(body(await t.gql<Verified>(counter, VERIFY, { token: `x${randomUUID()}` }))).toMatchObject({ valid: false, reason: 'MALFORMED' });
    } finally {
      clock.set('2026-12-01T10:00:00+08:00');
    }
  });
});

const body = (res: { data?: Verified | null }) => res.data!.verifyIdentityCode;
