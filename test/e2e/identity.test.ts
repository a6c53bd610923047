import { randomUUID } from 'node:crypto';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { persons, channelBindings, auditLog } from '../../subgraphs/identity/db/tables.js';
import { REGISTER, SUBMIT, registerInput, residentId, withWrongCheck } from '../factories/people.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

type Registered = { registerPerson: { created: boolean; person: { id: string; displayName: string; maskedDocumentNumber: string; sex: string; birthDate: string; age: number; region: { code: string; name: string } } } };

describe('identity through the gateway', () => {
  let t: TestStack;
  const personCount = async () => (await t.stack.db.identity.db.select({ n: count() }).from(persons))[0]!.n;
  const bindingCount = async () => (await t.stack.db.identity.db.select({ n: count() }).from(channelBindings))[0]!.n;

  beforeAll(async () => {
    t = await startTestStack();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('binds the same document through two channels to one person with one me', async () => {
    const doc = residentId({ birthDate: '1990-03-07', sequence: 123 });
    const wechat = t.as('dev-channel-wechat-zzg', `openid-${randomUUID()}`);
    const alipay = t.as('dev-channel-alipay', `alipay-${randomUUID()}`);

    const first = await t.gql<Registered>(wechat, REGISTER, { input: registerInput({ documentNumber: doc }) });
    expect(first.errors).toBeUndefined();
    expect(first.data!.registerPerson.created).toBe(true);
    const p = first.data!.registerPerson.person;
    expect(p.maskedDocumentNumber).toBe(`${doc.slice(0, 6)}********${doc.slice(-4)}`);
    expect(p).toMatchObject({ displayName: '李明', sex: 'MALE', birthDate: '1990-03-07', region: { code: '450103', name: '青秀区' } });

    // Spaces and a lower-case x are normalised away: still the same document.
    const second = await t.gql<Registered>(alipay, REGISTER, { input: registerInput({ documentNumber: ` ${doc.toLowerCase()} ` }) });
    expect(second.errors).toBeUndefined();
    expect(second.data!.registerPerson).toMatchObject({ created: false, person: { id: p.id } });

    const me = `{ me { id displayName channels { channel { code name } } } }`;
    const [m1, m2] = await Promise.all([t.gql(wechat, me), t.gql(alipay, me)]);
    expect(m1.data).toEqual(m2.data);
    expect(m1.data).toMatchObject({ me: { id: p.id, displayName: '李明' } });
    const codes = (m1.data as { me: { channels: { channel: { code: string } }[] } }).me.channels.map((c) => c.channel.code);
    expect(codes.sort()).toEqual(['alipay', 'wechat-zzg']);
  });

  it('is idempotent for the same channel user and document', async () => {
    const caller = t.as('dev-channel-aiguangxi', `agx-${randomUUID()}`);
    const input = registerInput({ documentNumber: residentId() });
    const a = await t.gql<Registered>(caller, REGISTER, { input });
    const b = await t.gql<Registered>(caller, REGISTER, { input });
    expect(b.data!.registerPerson).toMatchObject({ created: false, person: { id: a.data!.registerPerson.person.id } });
  });

  it('refuses a bad check character with BAD_USER_INPUT and writes nothing', async () => {
    const before = [await personCount(), await bindingCount()];
    const res = await t.gql(t.as('dev-channel-wechat-zzg', `openid-${randomUUID()}`), REGISTER, {
      input: registerInput({ documentNumber: withWrongCheck(residentId()) }),
    });
    expect(res.data).toBeNull();
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BAD_CHECK_CHARACTER', field: 'input.documentNumber' });
    expect([await personCount(), await bindingCount()]).toEqual(before);
  });

  it.each([
    ['a region outside the province', { region: '440103' }, 'BAD_REGION'],
    ['a phone that is not a mobile number', { phone: '12345' }, 'BAD_PHONE'],
    ['a passport without a birth date', { documentType: 'PASSPORT', documentNumber: 'E12345678' }, 'BIRTH_DATE_REQUIRED'],
  ])('refuses %s', async (_what, overrides, reason) => {
    const before = await personCount();
    const res = await t.gql(t.as('dev-channel-alipay', `u-${randomUUID()}`), REGISTER, { input: registerInput(overrides) });
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason });
    expect(await personCount()).toBe(before);
  });

  it('refuses a channel user already bound to another person, and a document under another name, with CONFLICT', async () => {
    const caller = t.as('dev-channel-wechat-zzg', `openid-${randomUUID()}`);
    const doc = residentId();
    await t.gql(caller, REGISTER, { input: registerInput({ documentNumber: doc }) });
    const other = await t.gql(caller, REGISTER, { input: registerInput({ documentNumber: residentId({ birthDate: '1985-01-01' }) }) });
    expect(other.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CHANNEL_USER_BOUND' });
    const impostor = await t.gql(t.as('dev-channel-alipay', `alipay-${randomUUID()}`), REGISTER, {
      input: registerInput({ documentNumber: doc, name: '王五' }),
    });
    expect(impostor.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDENTITY_MISMATCH' });
  });

  it('answers UNAUTHENTICATED to an anonymous request, an unknown key and a channel without its user', async () => {
    const q = '{ me { id } }';
    for (const caller of [{}, { key: 'hcg_channel_not-a-key', channelUser: 'x' }, { key: t.as('dev-channel-alipay').key }]) {
      const res = await t.gql(caller, q);
      expect(res.status).toBe(401);
      expect(res.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers UNAUTHENTICATED to a subgraph called directly, or with a principal signed by another secret', async () => {
    const direct = await t.gql({}, '{ me { id } }', undefined, t.stack.subgraphs.identity.url);
    expect(direct.status).toBe(401);
    expect(direct.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const { signPrincipal } = await import('../../common/domain/principal.js');
    const forged = await signPrincipal({ kind: 'authority', subject: 'mallory', scopes: [] }, 'x'.repeat(40));
    const res = await t.gql({ headers: { 'x-hcg-principal': forged } }, '{ personByDocument(number: "11010519491231002X") { id } }', undefined, t.stack.subgraphs.identity.url);
    expect(res.status).toBe(401);
    expect(res.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it("refuses a person to a dashboard (outside its contract) and to a channel reading someone else (FORBIDDEN)", async () => {
    const owner = t.as('dev-channel-wechat-zzg', `openid-${randomUUID()}`);
    const reg = await t.gql<Registered>(owner, REGISTER, { input: registerInput({ documentNumber: residentId() }) });
    const id = reg.data!.registerPerson.person.id;
    const q = 'query($id: ID!) { person(id: $id) { id displayName } }';
    // A dashboard's contract (docs/contracts.md) has no person at all: refused as an unknown field.
    const dash = await t.gql(t.as('dev-dashboard'), q, { id });
    expect(dash.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const stranger = await t.gql(t.as('dev-channel-alipay', `alipay-${randomUUID()}`), q, { id });
    expect(stranger.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const self = await t.gql(owner, q, { id });
    expect(self.data).toEqual({ person: { id, displayName: '李明' } });
  });

  it('gives the full document number to the authority only, and audits the read', async () => {
    const doc = residentId({ region: '450205', birthDate: '1975-01-01' });
    const owner = t.as('dev-channel-aiguangxi', `agx-${randomUUID()}`);
    const reg = await t.gql<Registered>(owner, REGISTER, { input: registerInput({ documentNumber: doc, name: '黄伟', region: '450205' }) });
    const id = reg.data!.registerPerson.person.id;

    const asChannel = await t.gql(owner, '{ me { documentNumber } }');
    expect(asChannel.errors![0]!.extensions!.code).toBe('FORBIDDEN');

    const res = await t.gql(t.as('dev-authority'), 'query($n: String!) { personByDocument(number: $n) { id displayName documentNumber } }', { n: doc });
    expect(res.data).toEqual({ personByDocument: { id, displayName: '黄伟', documentNumber: doc } });
    const rows = await t.stack.db.identity.db.select().from(auditLog);
    const mine = rows.filter((r) => r.personId === id).map((r) => [r.action, r.principalKind]);
    expect(mine).toEqual(
      expect.arrayContaining([
        ['REGISTER_PERSON', 'channel'],
        ['LOOKUP_DOCUMENT', 'authority'],
        ['READ_DOCUMENT_NUMBER', 'authority'],
      ]),
    );
  });

  it('keeps the document number out of the database in clear', async () => {
    const doc = residentId({ region: '451002' });
    await t.gql(t.as('dev-channel-alipay', `alipay-${randomUUID()}`), REGISTER, { input: registerInput({ documentNumber: doc, region: '451002' }) });
    const dump = JSON.stringify(await t.stack.db.identity.db.select().from(persons));
    expect(dump).not.toContain(doc);
    expect(dump).not.toContain(doc.slice(6, 14));
  });

  describe('channel bindings: what a channel vouches for, and the resident in charge of them (issue 21 item 10)', () => {
    type Binding = { channel: { code: string; name: string }; verification: { method: string; level: number }; current: boolean };
    type LogEntry = { role: string; organisation: string; action: string };
    const MY_CHANNELS = '{ me { id channels { channel { code name } verification { method level } current } } }';
    const MY_LOG = '{ me { accessLog(first: 20) { edges { node { role organisation action } } } } }';
    const UNBIND = 'mutation Unbind($channel: String!) { unbindChannel(channel: $channel) { channel { code name } person { id channels { channel { code } } } } }';
    const face = { method: 'FACE' };
    const myLog = async (caller: ReturnType<TestStack['as']>) => {
      const res = await t.gql<{ me: { accessLog: { edges: { node: LogEntry }[] } } }>(caller, MY_LOG);
      expect(res.errors).toBeUndefined();
      return res.data!.me.accessLog.edges.map((e) => e.node);
    };

    it('records the check each channel asserts, and refuses a weaker second channel for a face-checked resident with VERIFICATION_TOO_WEAK, writing nothing', async () => {
      const doc = residentId();
      const wechat = t.as('dev-channel-wechat-zzg', `openid-${randomUUID()}`);
      const alipay = t.as('dev-channel-alipay', `alipay-${randomUUID()}`);
      const first = await t.gql<Registered>(wechat, REGISTER, { input: registerInput({ documentNumber: doc, verification: face }) });
      expect(first.errors).toBeUndefined();
      const id = first.data!.registerPerson.person.id;

      const before = [await personCount(), await bindingCount()];
      for (const verification of [undefined, { method: 'DOCUMENT' }, { method: 'CARRIER' }]) {
        const weak = await t.gql(alipay, REGISTER, { input: registerInput({ documentNumber: doc, ...(verification ? { verification } : {}) }) });
        expect(weak.data).toBeNull();
        expect(weak.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'VERIFICATION_TOO_WEAK', field: 'input.verification' });
        // No more than today's answer: neither the person, nor the level asked, nor the channels they use.
        expect(JSON.stringify(weak.errors)).not.toMatch(new RegExp(`${id}|FACE|wechat|壮掌桂`));
      }
      expect([await personCount(), await bindingCount()]).toEqual(before);
      expect((await t.gql(alipay, '{ me { id } }')).data).toEqual({ me: null });
      // A wrong name still gets today's answer first: the level is only asked of the document's holder.
      const impostor = await t.gql(t.as('dev-channel-alipay', `alipay-${randomUUID()}`), REGISTER, { input: registerInput({ documentNumber: doc, name: '王五' }) });
      expect(impostor.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDENTITY_MISMATCH' });

      const strong = await t.gql<Registered>(alipay, REGISTER, { input: registerInput({ documentNumber: doc, verification: face }) });
      expect(strong.errors).toBeUndefined();
      expect(strong.data!.registerPerson).toMatchObject({ created: false, person: { id } });
      const mine = await t.gql<{ me: { channels: Binding[] } }>(wechat, MY_CHANNELS);
      expect(mine.data!.me.channels).toEqual([
        { channel: { code: 'wechat-zzg', name: '壮掌桂' }, verification: { method: 'FACE', level: 3 }, current: true },
        { channel: { code: 'alipay', name: '支付宝' }, verification: { method: 'FACE', level: 3 }, current: false },
      ]);
    });

    it('shows a new channel binding of a registered person in their access log as BIND_CHANNEL_USER, under the channel name', async () => {
      const doc = residentId();
      const wechat = t.as('dev-channel-wechat-zzg', `openid-${randomUUID()}`);
      expect((await t.gql(wechat, REGISTER, { input: registerInput({ documentNumber: doc }) })).errors).toBeUndefined();
      // Registering oneself is not someone else's doing: nothing in the log yet.
      expect(await myLog(wechat)).toEqual([]);
      const bound = await t.gql(t.as('dev-channel-alipay', `alipay-${randomUUID()}`), REGISTER, { input: registerInput({ documentNumber: doc }) });
      expect(bound.errors).toBeUndefined();
      expect(await myLog(wechat)).toEqual([{ role: 'channel', organisation: '支付宝', action: 'BIND_CHANNEL_USER' }]);
    });

    it('lets the resident end another channel binding but not the one in use; from the next request that user is nobody, in every subgraph', async () => {
      const doc = residentId();
      const wechat = t.as('dev-channel-wechat-zzg', `openid-${randomUUID()}`);
      const alipay = t.as('dev-channel-alipay', `alipay-${randomUUID()}`);
      const reg = await t.gql<Registered>(wechat, REGISTER, { input: registerInput({ documentNumber: doc }) });
      const id = reg.data!.registerPerson.person.id;
      expect((await t.gql(alipay, REGISTER, { input: registerInput({ documentNumber: doc }) })).errors).toBeUndefined();
      // Through alipay the person declares (declarations knows the binding from identity's events).
      expect((await t.gql(alipay, SUBMIT, { input: { temperature: 36.5 } })).errors).toBeUndefined();

      const inUse = await t.gql(wechat, UNBIND, { channel: 'wechat-zzg' });
      expect(inUse.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'BINDING_IN_USE' });
      const ended = await t.gql(wechat, UNBIND, { channel: 'alipay' });
      expect(ended.errors).toBeUndefined();
      expect(ended.data).toEqual({ unbindChannel: { channel: { code: 'alipay', name: '支付宝' }, person: { id, channels: [{ channel: { code: 'wechat-zzg' } }] } } });

      expect((await t.gql(alipay, '{ me { id } }')).data).toEqual({ me: null });
      const declared = await t.gql(alipay, SUBMIT, { input: { temperature: 36.5 } });
      expect(declared.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_REGISTERED' });
      const again = await t.gql(wechat, UNBIND, { channel: 'alipay' });
      expect(again.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'NOT_BOUND' });
      expect((await t.gql(wechat, UNBIND, { channel: 'no-such-app' })).errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'NOT_BOUND' });
      expect((await t.gql(wechat, UNBIND, { channel: 'x'.repeat(65) })).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_LONG' });
      expect((await t.gql(t.as('dev-channel-alipay', `alipay-${randomUUID()}`), UNBIND, { channel: 'wechat-zzg' })).errors![0]!.extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'NOT_REGISTERED',
      });

      expect(await myLog(wechat)).toEqual([
        { role: 'channel', organisation: '支付宝', action: 'UNBIND_CHANNEL_USER' },
        { role: 'channel', organisation: '支付宝', action: 'BIND_CHANNEL_USER' },
      ]);
      // The ended channel's user may register again, as anyone new would.
      const back = await t.gql<Registered>(alipay, REGISTER, { input: registerInput({ documentNumber: doc }) });
      expect(back.data!.registerPerson).toMatchObject({ created: false, person: { id } });
    });
  });

  it('hides everything but a masked name from a checkpoint that reaches a person', async () => {
    const caller = t.as('dev-channel-wechat-zzg', `openid-${randomUUID()}`);
    const reg = await t.gql<Registered>(caller, REGISTER, { input: registerInput({ documentNumber: residentId(), name: '张三丰' }) });
    const id = reg.data!.registerPerson.person.id;
    // Entity resolution is how a checkpoint reaches a person after a scan: call _entities as the gateway would.
    const { signPrincipal } = await import('../../common/domain/principal.js');
    const header = await signPrincipal({ kind: 'checkpoint', subject: 'gate', scopes: [] }, t.config.secrets.gatewaySecret);
    const q = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { displayName } } }';
    const ok = await t.gql({ headers: { 'x-hcg-principal': header } }, q, { r: [{ __typename: 'Person', id }] }, t.stack.subgraphs.identity.url);
    expect(ok.data).toEqual({ _entities: [{ displayName: '张**' }] });
    const q2 = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { birthDate } } }';
    const denied = await t.gql({ headers: { 'x-hcg-principal': header } }, q2, { r: [{ __typename: 'Person', id }] }, t.stack.subgraphs.identity.url);
    expect(denied.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});
