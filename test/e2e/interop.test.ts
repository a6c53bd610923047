import { randomUUID } from 'node:crypto';
import { count } from 'drizzle-orm';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRINCIPAL_HEADER, signPrincipal } from '../../common/domain/principal.js';
import { events as interopEvents, partnerRequests } from '../../subgraphs/interop/db/tables.js';
import { REGISTER, SUBMIT, registerInput, residentId } from '../factories/people.js';
import { newResident } from '../helpers/people.js';
import { REGISTER_PARTNER, REQUEST_STATUS, SEND_STATUS, SimulatedPartner } from '../helpers/partner.js';
import { nextCredentialsSignal, startSecondGateway } from '../helpers/sessions.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const CODE = '{ me { healthCode { color reasons { code source } } } }';
type Code = { me: { healthCode: { color: string; reasons: { code: string; source: string }[] } } };

describe('interop with a partner province, through the gateway', () => {
  let t: TestStack;
  let guangdong: SimulatedPartner;
  const writes = async () => [
    (await t.stack.db.interop.db.select({ n: count() }).from(partnerRequests))[0]!.n,
    (await t.stack.db.interop.db.select({ n: count() }).from(interopEvents))[0]!.n,
  ];

  beforeAll(async () => {
    t = await startTestStack();
    guangdong = await SimulatedPartner.create('440000');
    const res = await t.gql(t.as('dev-admin'), REGISTER_PARTNER, {
      input: { code: '440000', name: '广东省', kind: 'PROVINCE', keys: guangdong.jwks, rights: ['REQUEST_STATUS', 'SEND_STATUS', 'VERIFY_CODES'] },
    });
    expect(res.errors).toBeUndefined();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("answers the subgraphs' internal routes to the gateway's signature alone (401 otherwise)", async () => {
    const internal = [
      ['interop', 'GET', '/internal/partners/440000'],
      ['identity', 'GET', `/internal/channel-keys/${'0'.repeat(64)}`],
      ['identity', 'GET', '/internal/channel-status/alipay'],
      ['identity', 'POST', '/internal/channel-usage'],
    ] as const;
    const signed = await signPrincipal({ kind: 'admin', subject: 'gateway', scopes: [] }, t.config.secrets.gatewaySecret);
    const forged = await signPrincipal({ kind: 'admin', subject: 'gateway', scopes: [] }, 'f'.repeat(40));
    for (const [subgraph, method, path] of internal) {
      const url = new URL(path, t.stack.subgraphs[subgraph].url);
      const call = (headers: Record<string, string>) => fetch(url, { method, headers: { ...headers, 'content-type': 'application/json' }, body: method === 'POST' ? '[]' : undefined });
      expect((await call({})).status, `${path} unsigned`).toBe(401);
      expect((await call({ [PRINCIPAL_HEADER]: forged })).status, `${path} forged`).toBe(401);
      expect((await call({ [PRINCIPAL_HEADER]: signed })).status, `${path} signed`).not.toBe(401);
    }
    const trust = await fetch(new URL('/internal/partners/440000', t.stack.subgraphs.interop.url), { headers: { [PRINCIPAL_HEADER]: signed } });
    expect(await trust.json()).toMatchObject({ code: '440000' });
  });

  it("answers a resident's colour with an attestation the partner verifies with our JWKS alone", async () => {
    const doc = residentId();
    await newResident(t, 'dev-channel-wechat-zzg', { documentNumber: doc });
    const requestId = `gd-${randomUUID()}`;
    const res = await guangdong.call<{ requestResidentStatus: { color: string; attestation: string } }>(t, REQUEST_STATUS, { input: { documentNumber: doc, purpose: 'FLIGHT', requestId } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.requestResidentStatus.color).toBe('GREEN');
    const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', t.stack.gateway.url));
    const { payload, protectedHeader } = await jwtVerify(res.data!.requestResidentStatus.attestation, jwks, { issuer: '450000', audience: '440000', typ: 'hc-attestation+jwt', currentDate: t.clock.now() });
    expect(payload).toMatchObject({ color: 'GREEN', purpose: 'FLIGHT', requestId });
    expect(protectedHeader.alg).toBe('EdDSA');
    expect(JSON.stringify(payload)).not.toContain(doc.slice(6, 14));

    // The same request id again: one effect, the same answer. Another input under it: CONFLICT.
    const again = await guangdong.call<{ requestResidentStatus: { attestation: string } }>(t, REQUEST_STATUS, { input: { documentNumber: doc, purpose: 'FLIGHT', requestId } });
    expect(again.data!.requestResidentStatus.attestation).toBe(res.data!.requestResidentStatus.attestation);
    const clash = await guangdong.call(t, REQUEST_STATUS, { input: { documentNumber: doc, purpose: 'WORK', requestId } });
    expect(clash.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'REQUEST_ID_REUSED' });
    const unknown = await guangdong.call(t, REQUEST_STATUS, { input: { documentNumber: residentId({ birthDate: '1977-07-07' }), purpose: 'TRAVEL', requestId: `gd-${randomUUID()}` } });
    expect(unknown.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it("turns a traveller the partner reports RED into a RED code with the partner's reason", async () => {
    const doc = residentId();
    const r = await newResident(t, 'dev-channel-alipay', { documentNumber: doc });
    const res = await guangdong.call(t, SEND_STATUS, { input: { attestation: await guangdong.traveller(doc, 'RED'), requestId: `gd-${randomUUID()}` } });
    expect(res.data).toMatchObject({ submitTravellerStatus: { color: 'RED', outcome: 'APPLIED' } });
    expect((await t.gql<Code>(r.caller, CODE)).data!.me.healthCode).toEqual({ color: 'RED', reasons: [{ code: 'R_CLOSE_CONTACT', source: 'PARTNER:440000' }] });
  });

  it("lifts an arrival's Y_OUT_OF_PROVINCE when the partner vouches GREEN", async () => {
    const doc = residentId();
    const r = await newResident(t, 'dev-channel-aiguangxi', { documentNumber: doc });
    await t.gql(r.caller, SUBMIT, { input: { temperature: 36.5, exposures: [{ kind: 'ARRIVED_FROM_OTHER_PROVINCE', provinceCode: '440000' }] } });
    expect((await t.gql<Code>(r.caller, CODE)).data!.me.healthCode.reasons.map((x) => x.code)).toEqual(['Y_OUT_OF_PROVINCE']);
    await guangdong.call(t, SEND_STATUS, { input: { attestation: await guangdong.traveller(doc, 'GREEN'), requestId: `gd-${randomUUID()}` } });
    expect((await t.gql<Code>(r.caller, CODE)).data!.me.healthCode).toEqual({ color: 'GREEN', reasons: [] });
  });

  it("does not let one partner's GREEN lift an arrival from another province", async () => {
    const doc = residentId();
    const r = await newResident(t, 'dev-channel-aiguangxi', { documentNumber: doc });
    await t.gql(r.caller, SUBMIT, { input: { temperature: 36.5, exposures: [{ kind: 'ARRIVED_FROM_OTHER_PROVINCE', provinceCode: '520000' }] } });
    const res = await guangdong.call(t, SEND_STATUS, { input: { attestation: await guangdong.traveller(doc, 'GREEN'), requestId: `gd-${randomUUID()}` } });
    expect(res.errors).toBeUndefined();
    expect((await t.gql<Code>(r.caller, CODE)).data!.me.healthCode).toEqual({ color: 'YELLOW', reasons: [{ code: 'Y_OUT_OF_PROVINCE', source: 'DECLARATION' }] });
  });

  it('keeps a statement about a traveller we do not know yet and applies it when they register', async () => {
    const doc = residentId({ birthDate: '1988-08-08' });
    const res = await guangdong.call(t, SEND_STATUS, { input: { attestation: await guangdong.traveller(doc, 'YELLOW'), requestId: `gd-${randomUUID()}` } });
    expect(res.data).toMatchObject({ submitTravellerStatus: { outcome: 'PENDING' } });
    const caller = t.as('dev-channel-wechat-zzg', `u-${randomUUID()}`);
    await t.gql(caller, REGISTER, { input: registerInput({ documentNumber: doc }) });
    expect((await t.gql<Code>(caller, CODE)).data!.me.healthCode).toEqual({ color: 'YELLOW', reasons: [{ code: 'Y_KEY_AREA', source: 'PARTNER:440000' }] });
  });

  it("verifies the partner's own code at our checkpoint, and records it", async () => {
    const VERIFY = 'mutation($t: String!) { verifyForeignCode(token: $t) { valid pass reason issuer color } }';
    const ok = await t.gql(t.as('dev-checkpoint'), VERIFY, { t: await guangdong.codeToken('GREEN') });
    expect(ok.data).toEqual({ verifyForeignCode: { valid: true, pass: true, reason: null, issuer: '440000', color: 'GREEN' } });
    const stranger = await SimulatedPartner.create('520000');
    const unknown = await t.gql(t.as('dev-checkpoint'), VERIFY, { t: await stranger.codeToken('GREEN') });
    expect(unknown.data).toMatchObject({ verifyForeignCode: { valid: false, pass: false, reason: 'UNKNOWN_ISSUER' } });
    // The outside probe's codes: a 10-year token, and a traveller statement presented as a code.
    const decade = await t.gql(t.as('dev-checkpoint'), VERIFY, { t: await guangdong.codeToken('GREEN', '3650d') });
    expect(decade.data).toMatchObject({ verifyForeignCode: { valid: false, pass: false, reason: 'TOO_LONG_LIVED' } });
    const statement = await t.gql(t.as('dev-checkpoint'), VERIFY, { t: await guangdong.traveller(residentId(), 'GREEN') });
    expect(statement.data).toMatchObject({ verifyForeignCode: { valid: false, pass: false, reason: 'WRONG_TYPE' } });
  });

  it('applies a traveller statement once, whatever requestId carries it', async () => {
    const doc = residentId();
    const r = await newResident(t, 'dev-channel-alipay', { documentNumber: doc });
    const statement = await guangdong.traveller(doc, 'RED', { kind: 'CLOSE_CONTACT' });
    const first = await guangdong.call(t, SEND_STATUS, { input: { attestation: statement, requestId: `gd-${randomUUID()}` } });
    expect(first.data).toMatchObject({ submitTravellerStatus: { color: 'RED', outcome: 'APPLIED' } });
    const eventsAfterFirst = (await writes())[1];
    const resent = await guangdong.call(t, SEND_STATUS, { input: { attestation: statement, requestId: `gd-${randomUUID()}` } });
    expect(resent.data).toMatchObject({ submitTravellerStatus: { color: 'RED', outcome: 'APPLIED' } });
    expect((await writes())[1]).toBe(eventsAfterFirst);
    const designations = await t.gql<{ person: { riskDesignations: unknown[] } }>(t.as('dev-authority'), 'query($id: ID!) { person(id: $id) { riskDesignations { id } } }', { id: r.id });
    expect(designations.data!.person.riskDesignations).toHaveLength(1);
    const noJti = await guangdong.call(t, SEND_STATUS, { input: { attestation: await guangdong.traveller(doc, 'RED', { jti: '' }), requestId: `gd-${randomUUID()}` } });
    expect(noJti.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('refuses replayed, expired, mis-addressed and foreign-signed tokens, and writes nothing', async () => {
    const doc = residentId();
    await newResident(t, 'dev-channel-wechat-zzg', { documentNumber: doc });
    const input = { documentNumber: doc, purpose: 'TRAVEL', requestId: `gd-${randomUUID()}` };
    const replayed = await guangdong.jwt();
    expect((await guangdong.call(t, REQUEST_STATUS, { input }, replayed)).errors).toBeUndefined();
    const before = await writes();
    const impostor = await SimulatedPartner.create('440000');
    for (const [token, reason] of [
      [replayed, 'REPLAYED_TOKEN'],
      [await guangdong.jwt({ iatOffset: -600, ttlSeconds: 120 }), 'TOKEN_EXPIRED'],
      [await guangdong.jwt({ aud: '440000' }), 'WRONG_AUDIENCE'],
      [await impostor.jwt(), 'UNKNOWN_KEY'],
      [await guangdong.jwt({ ttlSeconds: 3600 }), 'TOKEN_TOO_LONG'],
      // The outside probe's tokens, which answered 500: checked as short strings before any look-up.
      [await guangdong.jwt({ iss: '\uD800' }), 'MALFORMED_TOKEN'],
      [await guangdong.jwt({ iss: '4'.repeat(6000) }), 'MALFORMED_TOKEN'],
      [await guangdong.jwt({ jti: { id: 'x' } }), 'MALFORMED_TOKEN'],
      [await guangdong.jwt({ kid: 'k'.repeat(500) }), 'MALFORMED_TOKEN'],
    ] as const) {
      const res = await guangdong.call(t, REQUEST_STATUS, { input: { ...input, requestId: `gd-${randomUUID()}` } }, token);
      expect(res.status, reason).toBe(401);
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason });
    }
    expect(await writes()).toEqual(before);
  });

  it('limits a partner to its rights and to interop operations', async () => {
    const hunan = await SimulatedPartner.create('430000');
    await t.gql(t.as('dev-admin'), REGISTER_PARTNER, { input: { code: '430000', name: '湖南省', kind: 'PROVINCE', keys: hunan.jwks, rights: ['REQUEST_STATUS'] } });
    const before = await writes();
    const send = await hunan.call(t, SEND_STATUS, { input: { attestation: await hunan.traveller(residentId(), 'RED'), requestId: `hn-${randomUUID()}` } });
    expect(send.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    // Outside interop, nothing exists for a partner: its contract (docs/contracts.md) has no `me`.
    const read = await hunan.call(t, '{ me { id } }');
    expect(read.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await writes()).toEqual(before);
  });

  it('refuses a suspended partner at once, and accepts it again once reinstated', async () => {
    const hainan = await SimulatedPartner.create('460000');
    await t.gql(t.as('dev-admin'), REGISTER_PARTNER, { input: { code: '460000', name: '海南省', kind: 'PROVINCE', keys: hainan.jwks, rights: ['REQUEST_STATUS'] } });
    const doc = residentId();
    await newResident(t, 'dev-channel-alipay', { documentNumber: doc });
    const ask = () => hainan.call(t, REQUEST_STATUS, { input: { documentNumber: doc, purpose: 'TRAVEL', requestId: `hi-${randomUUID()}` } });
    expect((await ask()).errors).toBeUndefined();
    await t.gql(t.as('dev-admin'), 'mutation { suspendPartner(code: "460000") { status } }');
    const before = await writes();
    expect((await ask()).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(await writes()).toEqual(before);
    await t.gql(t.as('dev-admin'), 'mutation { reinstatePartner(code: "460000") { status } }');
    expect((await ask()).errors).toBeUndefined();
  });

  it('answers a suspended partner 401 PARTNER_SUSPENDED on every gateway at once, even for trustList (no 10 s of cached trust)', async () => {
    const fujian = await SimulatedPartner.create('350000');
    expect((await t.gql(t.as('dev-admin'), REGISTER_PARTNER, { input: { code: '350000', name: '福建省', kind: 'PROVINCE', keys: fujian.jwks, rights: ['VERIFY_CODES'] } })).errors).toBeUndefined();
    // Another gateway instance, which hears of the suspension only through NOTIFY.
    const other = await startSecondGateway(t);
    try {
      const trustList = async (url: string) => t.gql({ headers: { authorization: `Bearer ${await fujian.jwt()}` } }, '{ trustList { issuer kid } }', undefined, url);
      // Both gateways now hold the partner's trust in their caches.
      for (const url of [t.stack.gateway.url, other.url]) expect((await trustList(url)).errors).toBeUndefined();
      const signal = await nextCredentialsSignal(t);
      expect((await t.gql(t.as('dev-admin'), 'mutation { suspendPartner(code: "350000") { status } }')).errors).toBeUndefined();
      await signal();
      for (const url of [other.url, t.stack.gateway.url]) {
        const refused = await trustList(url);
        expect({ status: refused.status, data: refused.data ?? null, ...refused.errors![0]!.extensions }).toMatchObject({ status: 401, data: null, code: 'UNAUTHENTICATED', reason: 'PARTNER_SUSPENDED' });
      }
      expect((await t.gql(t.as('dev-admin'), 'mutation { reinstatePartner(code: "350000") { status } }')).errors).toBeUndefined();
      expect((await trustList(other.url)).errors).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it("keeps statements signed with a partner's previous key valid through a rotation", async () => {
    const old = await guangdong.rotate();
    const rotated = await t.gql(t.as('dev-admin'), 'mutation($k: JSON!) { rotatePartnerKeys(code: "440000", keys: $k) { code } }', { k: guangdong.jwks });
    expect(rotated.errors).toBeUndefined();
    const doc = residentId();
    await newResident(t, 'dev-channel-wechat-zzg', { documentNumber: doc });
    // A token and a statement signed just before the rotation, still in flight.
    const inFlight = await guangdong.jwt({ key: old });
    const res = await guangdong.call(t, SEND_STATUS, { input: { attestation: await guangdong.traveller(doc, 'GREEN', { key: old }), requestId: `gd-${randomUUID()}` } }, inFlight);
    expect(res.errors).toBeUndefined();
    const fresh = await guangdong.call(t, REQUEST_STATUS, { input: { documentNumber: doc, purpose: 'TRAVEL', requestId: `gd-${randomUUID()}` } });
    expect(fresh.errors).toBeUndefined();
    const trust = await guangdong.call<{ trustList: { issuer: string; kid: string; ours: boolean }[] }>(t, '{ trustList { issuer kid ours } }');
    expect(trust.data!.trustList.filter((k) => k.issuer === '440000').map((k) => k.kid).sort()).toEqual([old.kid, guangdong.jwks.keys[0]!.kid].sort());
    expect(trust.data!.trustList.some((k) => k.ours && k.issuer === '450000')).toBe(true);
  });
});

describe('our side of a rotation, and a gateway restart', () => {
  it('keeps attestations signed with our previous key valid, and still refuses a replayed partner token', async () => {
    const { createTestDatabase } = await import('../helpers/db.js');
    const { newSigningKey, randomSecrets } = await import('../../common/platform/config.js');
    const database = await createTestDatabase();
    const secrets = randomSecrets();
    const [k1] = secrets.codeSigningKeys;
    const zhejiang = await SimulatedPartner.create('330000', 'EdDSA');
    let before: TestStack | undefined;
    let after: TestStack | undefined;
    try {
      before = await startTestStack({}, { secrets, database });
      await before.gql(before.as('dev-admin'), REGISTER_PARTNER, { input: { code: '330000', name: '浙江省', kind: 'PROVINCE', keys: zhejiang.jwks, rights: ['REQUEST_STATUS'] } });
      const doc = residentId();
      await newResident(before, 'dev-channel-wechat-zzg', { documentNumber: doc });
      const token = await zhejiang.jwt();
      const ask = (s: TestStack, jwt?: string) =>
        zhejiang.call<{ requestResidentStatus: { attestation: string } }>(s, REQUEST_STATUS, { input: { documentNumber: doc, purpose: 'TRAVEL', requestId: `zj-${randomUUID()}` } }, jwt);
      const old = (await ask(before, token)).data!.requestResidentStatus.attestation;
      await before.close();
      before = undefined;

      after = await startTestStack({}, { secrets: { ...secrets, codeSigningKeys: [k1!, newSigningKey()] }, database });
      const replay = await ask(after, token);
      expect(replay.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'REPLAYED_TOKEN' });
      const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', after.stack.gateway.url));
      // Tokens are judged at the graph's time, which a test may set (TEST_CLOCK), not the wall clock.
      const verify = (jws: string) => jwtVerify(jws, jwks, { issuer: '450000', audience: '330000', typ: 'hc-attestation+jwt', currentDate: after!.clock.now() });
      await expect(verify(old)).resolves.toMatchObject({ protectedHeader: { kid: k1!.kid } });
      const fresh = (await ask(after)).data!.requestResidentStatus.attestation;
      expect(decodeProtectedHeader(fresh).kid).not.toBe(k1!.kid);
      await expect(verify(fresh)).resolves.toBeTruthy();
    } finally {
      await before?.close();
      await after?.close();
      await database.drop();
    }
  });
});
