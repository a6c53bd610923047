import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, guardianships } from '../../subgraphs/identity/db/tables.js';
import { ADD_DEPENDENT, REGISTER, SUBMIT, dependentInput, registerInput, residentId } from '../factories/people.js';
import { newResident, type Resident } from '../helpers/people.js';
import { startTestStack, TestClock, type Caller, type TestStack } from '../helpers/stack.js';

type Added = { addDependent: { created: boolean; linked: boolean; dependent: { id: string } } };
type Request = { id: string; requesterName: string; relation: string; status: string };
const REQUEST = 'mutation($input: AddDependentInput!) { requestGuardianship(input: $input) { id requesterName relation status } }';
const ACCEPT = 'mutation($id: ID!) { acceptGuardianshipRequest(id: $id) { request { status decidedAt } person { id displayName guardians { person { id } } } } }';
const DECLINE = 'mutation($id: ID!) { declineGuardianshipRequest(id: $id) { status } }';
const PENDING = '{ me { guardianshipRequests { id requesterName relation status } } }';
const VERIFY = 'mutation($input: VerifyCodeInput!) { verifyCode(input: $input) { pass reason paper } }';
const PAPER = 'mutation($id: ID!) { issuePaperCode(personId: $id) { token } }';
const GRID_LOOKUP = 'query($input: PersonLookupInput!) { gridVisitPerson(input: $input) { id maskedName pendingGuardianshipRequests { id requesterMaskedName relation } } }';
const GRID_CONFIRM = 'mutation($r: ID!) { confirmGuardianshipOnGridVisit(request: $r) { guardianMaskedName relation person { maskedName pendingGuardianshipRequests { requesterMaskedName } } } }';
type GridFound = { gridVisitPerson: { id: string; maskedName: string; pendingGuardianshipRequests: { id: string; requesterMaskedName: string; relation: string }[] } };

describe('household consent through the gateway', () => {
  let t: TestStack;
  // 01:00 on 1 December in the province is still 30 November in UTC: ages count on the local date.
  const clock = new TestClock(Date.parse('2026-11-30T17:00:00Z'));

  /** A resident registered through their own channel, with the birth date given. */
  const registered = (birthDate: string, name = '周建国') => newResident(t, 'dev-channel-alipay', { name, documentNumber: residentId({ birthDate }) });
  const documentOf = async (r: Resident) =>
    (await t.gql<{ person: { documentNumber: string } }>(t.as('dev-authority'), 'query($id: ID!) { person(id: $id) { documentNumber } }', { id: r.id })).data!.person.documentNumber;
  const link = async (guardian: Resident, victim: Resident, name = '周建国') =>
    t.gql<Added>(guardian.caller, ADD_DEPENDENT, { input: dependentInput({ name, documentNumber: await documentOf(victim), relation: 'OTHER' }) });
  const activeLinks = async (guardianId: string, dependentId: string) =>
    (await t.stack.db.identity.db.select().from(guardianships).where(and(eq(guardianships.guardianId, guardianId), eq(guardianships.dependentId, dependentId)))).filter((g) => !g.removedAt).length;
  /** The person record holding a document, as the authority finds it (null: nothing was written). */
  const idOf = async (documentNumber: string) =>
    (await t.gql<{ personByDocument: { id: string } | null }>(t.as('dev-authority'), 'query($n: String!) { personByDocument(number: $n) { id } }', { n: documentNumber })).data!.personByDocument?.id ?? null;
  /** A record someone else made by asking to become the holder's guardian: no channel of its own. */
  const recordOnly = async (birthDate: string, name = '周建国') => {
    const documentNumber = residentId({ birthDate });
    const asker = await newResident(t);
    expect((await t.gql(asker.caller, REQUEST, { input: dependentInput({ name, documentNumber, relation: 'OTHER' }) })).errors).toBeUndefined();
    return documentNumber;
  };
  const addByDocument = async (guardian: Resident, documentNumber: string, name = '周建国') =>
    t.gql<Added>(guardian.caller, ADD_DEPENDENT, { input: dependentInput({ name, documentNumber, relation: 'OTHER' }) });
  const pendingOf = async (caller: Caller) => (await t.gql<{ me: { guardianshipRequests: Request[] } }>(caller, PENDING)).data!.me.guardianshipRequests;
  const acceptAll = async (caller: Caller) => {
    for (const { id } of await pendingOf(caller)) expect((await t.gql(caller, ACCEPT, { id })).errors).toBeUndefined();
  };
  const scan = async (token: string) => (await t.gql<{ verifyCode: { pass: boolean; reason: string | null } }>(t.as('dev-checkpoint'), VERIFY, { input: { token, temperature: 36.4 } })).data!.verifyCode;

  beforeAll(async () => {
    t = await startTestStack({}, { clock });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses to link a registered adult by name and ID number alone (CONSENT_REQUIRED), and changes nothing', async () => {
    const victim = await registered('1990-04-04');
    const attacker = await newResident(t);
    const res = await link(attacker, victim);
    expect(res.errors![0]).toMatchObject({ path: ['addDependent'], extensions: { code: 'FORBIDDEN', reason: 'CONSENT_REQUIRED' } });
    expect(res.data).toBeNull();
    expect(await activeLinks(attacker.id, victim.id)).toBe(0);
    const audited = await t.stack.db.identity.db.select().from(auditLog).where(and(eq(auditLog.personId, victim.id), eq(auditLog.action, 'ADD_DEPENDENT')));
    expect(audited).toEqual([]);
    // None of what the probe did next works: reading their name, declaring for them, printing a paper code.
    const read = await t.gql(attacker.caller, 'query($id: ID!) { person(id: $id) { displayName } }', { id: victim.id });
    expect(read.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const declare = await t.gql(attacker.caller, SUBMIT, { input: { personId: victim.id, temperature: 38.5 } });
    expect(declare.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const paper = await t.gql(attacker.caller, PAPER, { id: victim.id });
    expect(paper.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const code = await t.gql<{ me: { healthCode: { color: string } } }>(victim.caller, '{ me { guardians { person { id } } healthCode { color } } }');
    expect(code.data).toEqual({ me: { guardians: [], healthCode: { color: 'GREEN' } } });
  });

  it.each([
    ['a child of 13 (14th birthday tomorrow, local date)', '2012-12-02', true],
    ['a child who turned 14 today in the province (still 13 in UTC)', '2012-12-01', false],
    ['a person who turned 65 today in the province (still 64 in UTC)', '1961-12-01', true],
    ['a person of 64', '1961-12-02', false],
  ])('links a registered person without consent only when a child or elderly: %s', async (_what, birthDate, linked) => {
    // Registered by someone else's request, with no channel of their own: the age rule's case.
    const documentNumber = await recordOnly(birthDate);
    const person = (await idOf(documentNumber))!;
    const guardian = await newResident(t);
    const res = await addByDocument(guardian, documentNumber);
    if (linked) {
      expect(res.errors).toBeUndefined();
      expect(res.data!.addDependent).toMatchObject({ created: false, linked: true, dependent: { id: person } });
    } else {
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CONSENT_REQUIRED' });
    }
    expect(await activeLinks(guardian.id, person)).toBe(linked ? 1 : 0);
  });

  it.each([
    ['an elderly person of 86', '1940-01-01'],
    ['a child of 12', '2014-06-01'],
  ])('never links %s who uses a channel of their own by the age rule (issue 21 item 1)', async (_what, birthDate) => {
    const person = await registered(birthDate);
    const stranger = await newResident(t);
    const res = await link(stranger, person);
    expect(res.errors![0]).toMatchObject({ path: ['addDependent'], extensions: { code: 'FORBIDDEN', reason: 'CONSENT_REQUIRED' } });
    expect(await activeLinks(stranger.id, person.id)).toBe(0);
  });

  it('links a registered adult once they accept the request from their own channel, and only they', async () => {
    const wife = await registered('1991-07-07', '周丽');
    const husband = await newResident(t, 'dev-channel-wechat-zzg', { name: '陈强' });
    const input = dependentInput({ name: '周丽', documentNumber: await documentOf(wife), relation: 'SPOUSE' });
    const asked = await t.gql<{ requestGuardianship: Request }>(husband.caller, REQUEST, { input });
    expect(asked.errors).toBeUndefined();
    expect(asked.data!.requestGuardianship).toMatchObject({ requesterName: '陈强', relation: 'SPOUSE', status: 'PENDING' });
    const { id } = asked.data!.requestGuardianship;
    // Asking again answers the same pending request; asking changes nothing yet.
    expect((await t.gql<{ requestGuardianship: Request }>(husband.caller, REQUEST, { input })).data!.requestGuardianship.id).toBe(id);
    expect(await activeLinks(husband.id, wife.id)).toBe(0);

    expect((await t.gql(wife.caller, PENDING)).data).toEqual({ me: { guardianshipRequests: [{ id, requesterName: '陈强', relation: 'SPOUSE', status: 'PENDING' }] } });
    // Neither the requester nor a third party can accept it for her: for them it does not exist.
    for (const caller of [husband.caller, (await newResident(t)).caller]) {
      const res = await t.gql(caller, ACCEPT, { id });
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'UNKNOWN_REQUEST' });
    }
    expect(await activeLinks(husband.id, wife.id)).toBe(0);

    const accepted = await t.gql(wife.caller, ACCEPT, { id });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data).toMatchObject({ acceptGuardianshipRequest: { request: { status: 'ACCEPTED' }, person: { id: wife.id, guardians: [{ person: { id: husband.id } }] } } });
    expect((await t.gql(husband.caller, SUBMIT, { input: { personId: wife.id, temperature: 36.5 } })).errors).toBeUndefined();
    expect((await t.gql(wife.caller, ACCEPT, { id })).errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'REQUEST_DECIDED' });
    expect((await t.gql(wife.caller, PENDING)).data).toEqual({ me: { guardianshipRequests: [] } });
  });

  it('lets the person decline, and the authority decide for a person without a phone', async () => {
    const person = await registered('1985-02-02');
    const asker = await newResident(t);
    const ask = async () =>
      (await t.gql<{ requestGuardianship: Request }>(asker.caller, REQUEST, { input: dependentInput({ name: '周建国', documentNumber: await documentOf(person), relation: 'OTHER' }) })).data!.requestGuardianship.id;
    const first = await ask();
    expect((await t.gql(person.caller, DECLINE, { id: first })).data).toEqual({ declineGuardianshipRequest: { status: 'DECLINED' } });
    expect(await activeLinks(asker.id, person.id)).toBe(0);

    const second = await ask();
    expect(second).not.toBe(first);
    const decided = await t.gql(t.as('dev-authority'), ACCEPT, { id: second });
    expect(decided.errors).toBeUndefined();
    expect(await activeLinks(asker.id, person.id)).toBe(1);
  });

  it('answers a request for nobody registered like any other, refuses one from a confirmed guardian, and a guardian reading the requests', async () => {
    const asker = await newResident(t);
    const nobody = await t.gql<{ requestGuardianship: Request }>(asker.caller, REQUEST, { input: dependentInput({ documentNumber: residentId({ birthDate: '1980-01-01' }) }) });
    expect(nobody.errors).toBeUndefined();
    expect(nobody.data!.requestGuardianship).toMatchObject({ status: 'PENDING' });
    const documentNumber = residentId({ birthDate: '1940-01-01' });
    const added = await addByDocument(asker, documentNumber);
    expect(added.data!.addDependent.linked).toBe(true);
    const elder = added.data!.addDependent.dependent.id;
    // A provisional guardian may ask for consent; once the authority confirms, nothing is left to ask.
    const confirm = await t.gql<{ requestGuardianship: Request }>(asker.caller, REQUEST, { input: dependentInput({ name: '周建国', documentNumber, relation: 'OTHER' }) });
    expect(confirm.errors).toBeUndefined();
    expect((await t.gql(t.as('dev-authority'), ACCEPT, { id: confirm.data!.requestGuardianship.id })).errors).toBeUndefined();
    const again = await t.gql(asker.caller, REQUEST, { input: dependentInput({ name: '周建国', documentNumber, relation: 'OTHER' }) });
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_GUARDIAN' });
    // Even a guardian does not see who else asks to become one.
    const read = await t.gql(asker.caller, 'query($id: ID!) { person(id: $id) { guardianshipRequests { id } } }', { id: elder });
    expect(read.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('revokes the paper codes a guardian printed when the member removes them from their own channel, and only theirs', async () => {
    const daughter = await newResident(t, 'dev-channel-wechat-zzg', { name: '王芳' });
    const son = await newResident(t, 'dev-channel-alipay', { name: '王刚' });
    const doc = residentId({ birthDate: '1950-03-03' });
    const first = await t.gql<Added>(daughter.caller, ADD_DEPENDENT, { input: dependentInput({ name: '王大爷', documentNumber: doc, relation: 'PARENT' }) });
    const grandpa = first.data!.addDependent.dependent.id;
    expect((await t.gql<Added>(son.caller, ADD_DEPENDENT, { input: dependentInput({ name: '王大爷', documentNumber: doc, relation: 'PARENT' }) })).data!.addDependent.linked).toBe(true);
    // Grandpa gets a phone of his own (a 76-year-old dependent): the links he never accepted end
    // there (issue 21), and he accepts both his children's.
    const own = t.as('dev-channel-aiguangxi', `grandpa-${randomUUID()}`);
    expect((await t.gql<{ registerPerson: { person: { id: string } } }>(own, REGISTER, { input: registerInput({ name: '王大爷', documentNumber: doc }) })).data!.registerPerson.person.id).toBe(grandpa);
    await acceptAll(own);
    const paperOf = async (r: Resident) => (await t.gql<{ issuePaperCode: { token: string } }>(r.caller, PAPER, { id: grandpa })).data!.issuePaperCode.token;
    const [hers, his] = [await paperOf(daughter), await paperOf(son)];
    const authorities = (await t.gql<{ issuePaperCode: { token: string } }>(t.as('dev-authority'), PAPER, { id: grandpa })).data!.issuePaperCode.token;
    expect(await scan(hers)).toMatchObject({ pass: true });

    // He drops his son.
    const removed = await t.gql(own, 'mutation($g: ID!) { removeGuardian(guardianId: $g) { person { guardians { person { id } } } } }', { g: son.id });
    expect(removed.data).toEqual({ removeGuardian: { person: { guardians: [{ person: { id: daughter.id } }] } } });
    expect(await scan(his)).toMatchObject({ pass: false, reason: 'REVOKED' });
    expect(await scan(hers)).toMatchObject({ pass: true });
    expect(await scan(authorities)).toMatchObject({ pass: true });

    // The daughter removes him from her household: her paper code stops verifying too.
    await t.gql(daughter.caller, 'mutation($id: ID!) { removeDependent(personId: $id) { removedPersonId } }', { id: grandpa });
    expect(await scan(hers)).toMatchObject({ pass: false, reason: 'REVOKED' });
    expect(await scan(authorities)).toMatchObject({ pass: true });
  });
  it('ends every link the holder did not accept when they register through their own channel, and keeps the one the authority confirmed (issue 21 item 1)', async () => {
    // An elderly person with no channel: the age rule lets anyone who knows name and document link them.
    const doc = residentId({ birthDate: '1950-02-02' });
    const stranger = await newResident(t, 'dev-channel-wechat-zzg', { name: '马骏' });
    const added = await t.gql<Added>(stranger.caller, ADD_DEPENDENT, { input: dependentInput({ name: '黄德明', documentNumber: doc, relation: 'OTHER' }) });
    expect(added.data!.addDependent).toMatchObject({ created: true, linked: true });
    const id = added.data!.addDependent.dependent.id;
    const strangersPaper = (await t.gql<{ issuePaperCode: { token: string } }>(stranger.caller, PAPER, { id })).data!.issuePaperCode.token;
    expect(await scan(strangersPaper)).toMatchObject({ pass: true });
    // His son asks, and the authority confirms it for a man without a phone.
    const son = await newResident(t, 'dev-channel-alipay', { name: '黄伟' });
    const asked = await t.gql<{ requestGuardianship: Request }>(son.caller, REQUEST, { input: dependentInput({ name: '黄德明', documentNumber: doc, relation: 'PARENT' }) });
    expect((await t.gql(t.as('dev-authority'), ACCEPT, { id: asked.data!.requestGuardianship.id })).errors).toBeUndefined();

    // He registers through his own channel.
    const own = t.as('dev-channel-aiguangxi', `owner-${randomUUID()}`);
    const reg = await t.gql<{ registerPerson: { person: { id: string } } }>(own, REGISTER, { input: registerInput({ name: '黄德明', documentNumber: doc }) });
    expect(reg.errors).toBeUndefined();
    expect(reg.data!.registerPerson.person.id).toBe(id);

    // The stranger's link ended: no read, no declaration, the paper code revoked, and the code untouched.
    expect(await activeLinks(stranger.id, id)).toBe(0);
    expect((await t.gql(stranger.caller, 'query($id: ID!) { person(id: $id) { displayName } }', { id })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await t.gql(stranger.caller, SUBMIT, { input: { personId: id, temperature: 38.9 } })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(await scan(strangersPaper)).toMatchObject({ pass: false, reason: 'REVOKED' });
    const mine = await t.gql<{ me: { guardians: { person: { id: string } }[]; healthCode: { color: string } } }>(own, '{ me { guardians { person { id } } healthCode { color } } }');
    expect(mine.data).toEqual({ me: { guardians: [{ person: { id: son.id } }], healthCode: { color: 'GREEN' } } });
    // The confirmed son still acts for him.
    expect((await t.gql(son.caller, SUBMIT, { input: { personId: id, temperature: 36.5 } })).errors).toBeUndefined();

    // The ended link waits as a request for him to accept here, and his access log shows it.
    expect(await pendingOf(own)).toEqual([{ id: expect.any(String), requesterName: '马骏', relation: 'OTHER', status: 'PENDING' }]);
    const log = await t.gql<{ me: { accessLog: { edges: { node: Record<string, unknown> }[] } } }>(own, '{ me { accessLog { edges { node { role organisation action what } } } } }');
    expect(log.data!.me.accessLog.edges.map((e) => e.node)).toContainEqual({ role: 'system', organisation: '家庭成员', action: 'UNCONFIRMED_GUARDIAN_ENDED', what: 'guardian 马*' });
    const ended = await t.stack.db.identity.db.select().from(auditLog).where(and(eq(auditLog.personId, id), eq(auditLog.action, 'UNCONFIRMED_GUARDIAN_ENDED')));
    expect(ended.map((r) => r.detail)).toEqual([expect.objectContaining({ guardianId: stranger.id, basis: 'NEW_PERSON' })]);
  });

  it('never lets a stranger act for an unregistered adult: addDependent refuses and writes nothing, a request waits for the holder (issue 21 item 1)', async () => {
    const doc = residentId({ birthDate: '1986-06-06' });
    const stranger = await newResident(t);
    const add = await t.gql(stranger.caller, ADD_DEPENDENT, { input: dependentInput({ name: '周建国', documentNumber: doc, relation: 'OTHER' }) });
    expect(add.errors![0]).toMatchObject({ path: ['addDependent'], extensions: { code: 'FORBIDDEN', reason: 'CONSENT_REQUIRED' } });
    expect(await idOf(doc)).toBeNull();

    const asked = await t.gql<{ requestGuardianship: Request }>(stranger.caller, REQUEST, { input: dependentInput({ name: '周建国', documentNumber: doc, relation: 'OTHER' }) });
    expect(asked.data!.requestGuardianship).toMatchObject({ status: 'PENDING' });
    const id = (await idOf(doc))!;
    expect(await activeLinks(stranger.id, id)).toBe(0);
    expect((await t.gql(stranger.caller, SUBMIT, { input: { personId: id, temperature: 38.9 } })).errors![0]!.extensions!.code).toBe('FORBIDDEN');

    const own = t.as('dev-channel-alipay', `owner-${randomUUID()}`);
    expect((await t.gql(own, REGISTER, { input: registerInput({ name: '周建国', documentNumber: doc }) })).errors).toBeUndefined();
    const [request] = await pendingOf(own);
    expect((await t.gql(own, DECLINE, { id: request!.id })).data).toEqual({ declineGuardianshipRequest: { status: 'DECLINED' } });
    expect(await activeLinks(stranger.id, id)).toBe(0);
    expect((await t.gql<{ me: { healthCode: { color: string } } }>(own, '{ me { healthCode { color } } }')).data).toEqual({ me: { healthCode: { color: 'GREEN' } } });
  });

  it.each([
    ['an elderly person added under a false name', '1948-08-08', ADD_DEPENDENT],
    ['an adult asked for under a false name', '1986-08-08', REQUEST],
  ])("never lets a record someone else typed block the holder's own registration: %s (issue 21 item 2)", async (_what, birthDate, mutation) => {
    const doc = residentId({ birthDate });
    const stranger = await newResident(t);
    expect((await t.gql(stranger.caller, mutation, { input: dependentInput({ name: '假名字', documentNumber: doc, relation: 'OTHER' }) })).errors).toBeUndefined();
    const id = (await idOf(doc))!;

    const own = t.as('dev-channel-alipay', `owner-${randomUUID()}`);
    const reg = await t.gql<{ registerPerson: { person: { id: string; displayName: string } } }>(own, REGISTER, { input: registerInput({ name: '黄秀英', documentNumber: doc }) });
    expect(reg.errors).toBeUndefined();
    expect(reg.data!.registerPerson.person).toMatchObject({ id, displayName: '黄秀英' });
    expect(await activeLinks(stranger.id, id)).toBe(0);
    const kept = await t.stack.db.identity.db.select().from(auditLog).where(and(eq(auditLog.personId, id), eq(auditLog.action, 'HOLDER_REPLACED_RECORD')));
    expect(kept.map((r) => r.detail)).toEqual([expect.objectContaining({ replacedName: '假名字' })]);

    // Now the holder answers for themself: the false name is refused to anyone else.
    const impostor = await t.gql(t.as('dev-channel-wechat-zzg', `impostor-${randomUUID()}`), REGISTER, { input: registerInput({ name: '假名字', documentNumber: doc }) });
    expect(impostor.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDENTITY_MISMATCH' });
  });

  it('answers the same whether a document is unregistered, registered under another name or matching, within a daily look-up budget (issue 21 item 3)', async () => {
    const holder = await registered('1986-03-03', '周建国');
    const registeredDoc = await documentOf(holder);
    const cases = [
      [residentId({ birthDate: '1987-04-04' }), '周建国'],
      [registeredDoc, '假名字'],
      [registeredDoc, '周建国'],
    ] as const;
    const prober = await newResident(t, 'dev-channel-wechat-zzg', { name: '马骏' });
    const added = [];
    const asked = [];
    for (const [documentNumber, name] of cases) {
      const a = await t.gql(prober.caller, ADD_DEPENDENT, { input: dependentInput({ name, documentNumber, relation: 'OTHER' }) });
      added.push({ data: a.data, errors: a.errors });
      const r = await t.gql<{ requestGuardianship: Request }>(prober.caller, REQUEST, { input: dependentInput({ name, documentNumber, relation: 'OTHER' }) });
      asked.push({ errors: r.errors, request: r.data && { ...r.data.requestGuardianship, id: typeof r.data.requestGuardianship.id } });
    }
    expect(added[0]!.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CONSENT_REQUIRED' });
    expect(added[1]).toEqual(added[0]);
    expect(added[2]).toEqual(added[0]);
    expect(asked[0]).toEqual({ errors: undefined, request: { id: 'string', requesterName: '马骏', relation: 'OTHER', status: 'PENDING' } });
    expect(asked[1]).toEqual(asked[0]);
    expect(asked[2]).toEqual(asked[0]);

    // Six look-ups made; four more today, then RATE_LIMITED and nothing written.
    for (let i = 0; i < 4; i++) {
      expect((await t.gql(prober.caller, ADD_DEPENDENT, { input: dependentInput({ documentNumber: residentId({ birthDate: '1970-01-01' }) }) })).errors![0]!.extensions!.reason).toBe('CONSENT_REQUIRED');
    }
    const fresh = residentId({ birthDate: '1944-04-04' });
    const over = await t.gql(prober.caller, REQUEST, { input: dependentInput({ documentNumber: fresh }) });
    expect(over.errors![0]).toMatchObject({ path: ['requestGuardianship'], extensions: { code: 'RATE_LIMITED', reason: 'LOOKUP_BUDGET' } });
    expect((await t.gql(prober.caller, ADD_DEPENDENT, { input: dependentInput({ documentNumber: fresh }) })).errors![0]!.extensions!.reason).toBe('LOOKUP_BUDGET');
    expect(await idOf(fresh)).toBeNull();
    // Another resident has a budget of their own; the prober's returns the next day in the province.
    expect((await t.gql(( await newResident(t)).caller, ADD_DEPENDENT, { input: dependentInput({ documentNumber: fresh }) })).errors).toBeUndefined();
    const now = clock.now().toISOString();
    clock.advanceDays(1);
    try {
      expect((await t.gql(prober.caller, ADD_DEPENDENT, { input: dependentInput({ documentNumber: fresh }) })).errors).toBeUndefined();
    } finally {
      clock.set(now);
    }
  });

  it("lets a grid worker's visit confirm a request for someone without a phone, audited with the visit and in their log; never once they have a channel (issue 21)", async () => {
    // An adult of 50 with no phone: no age rule, only consent or a confirmation links him.
    const doc = residentId({ birthDate: '1976-05-05' });
    const son = await newResident(t, 'dev-channel-alipay', { name: '黄伟' });
    const stranger = await newResident(t, 'dev-channel-wechat-zzg', { name: '马骏' });
    const asked = await t.gql<{ requestGuardianship: Request }>(son.caller, REQUEST, { input: dependentInput({ name: '黄德明', documentNumber: doc, relation: 'PARENT' }) });
    expect((await t.gql(stranger.caller, REQUEST, { input: dependentInput({ name: '黄德明', documentNumber: doc, relation: 'OTHER' }) })).errors).toBeUndefined();
    const id = (await idOf(doc))!;

    // At his door: the requests, masked, and references for this visit only.
    const grid = t.as('dev-checkpoint-grid');
    const found = await t.gql<GridFound>(grid, GRID_LOOKUP, { input: { documentNumber: doc, name: '黄德明' } });
    expect(found.errors).toBeUndefined();
    const pending = found.data!.gridVisitPerson.pendingGuardianshipRequests;
    expect(pending.map(({ requesterMaskedName, relation }) => ({ requesterMaskedName, relation }))).toEqual([
      { requesterMaskedName: '黄*', relation: 'PARENT' },
      { requesterMaskedName: '马*', relation: 'OTHER' },
    ]);
    for (const secret of [id, son.id, stranger.id, asked.data!.requestGuardianship.id]) expect(JSON.stringify(found)).not.toContain(secret);

    // Another checkpoint, or a reference that is no visit's, confirms nothing.
    expect((await t.gql(t.as('dev-checkpoint'), GRID_CONFIRM, { r: pending[0]!.id })).errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'MISSING_SCOPE' });
    expect((await t.gql(grid, GRID_CONFIRM, { r: 'v1.AAAA' })).errors![0]).toMatchObject({ path: ['confirmGuardianshipOnGridVisit'], extensions: { code: 'NOT_FOUND', reason: 'UNKNOWN_REQUEST' } });
    expect(await activeLinks(son.id, id)).toBe(0);

    // He agrees to his son at the door.
    const confirmed = await t.gql(grid, GRID_CONFIRM, { r: pending[0]!.id });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data).toEqual({
      confirmGuardianshipOnGridVisit: { guardianMaskedName: '黄*', relation: 'PARENT', person: { maskedName: '黄**', pendingGuardianshipRequests: [{ requesterMaskedName: '马*' }] } },
    });
    expect((await t.gql(grid, GRID_CONFIRM, { r: pending[0]!.id })).errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'REQUEST_DECIDED' });
    expect(await activeLinks(son.id, id)).toBe(1);
    expect((await t.gql(son.caller, SUBMIT, { input: { personId: id, temperature: 36.5 } })).errors).toBeUndefined();
    const rows = await t.stack.db.identity.db.select().from(auditLog).where(and(eq(auditLog.personId, id), eq(auditLog.action, 'ADD_DEPENDENT')));
    expect(rows.map((r) => [r.principalKind, r.detail])).toEqual([
      ['checkpoint', expect.objectContaining({ guardianId: son.id, basis: 'GRID_VISIT', requestId: asked.data!.requestGuardianship.id, checkpointId: expect.any(String), what: 'guardian 黄*' })],
    ]);

    // He gets a phone later: the confirmed link stays, and his log shows the grid worker's confirmation.
    const own = t.as('dev-channel-aiguangxi', `owner-${randomUUID()}`);
    expect((await t.gql<{ registerPerson: { person: { id: string } } }>(own, REGISTER, { input: registerInput({ name: '黄德明', documentNumber: doc }) })).data!.registerPerson.person.id).toBe(id);
    expect((await t.gql(own, '{ me { guardians { person { id } } } }')).data).toEqual({ me: { guardians: [{ person: { id: son.id } }] } });
    const log = await t.gql<{ me: { accessLog: { edges: { node: Record<string, unknown> }[] } } }>(own, '{ me { accessLog { edges { node { role action what } } } } }');
    expect(log.data!.me.accessLog.edges.map((e) => e.node)).toContainEqual({ role: 'checkpoint', action: 'ADD_DEPENDENT', what: 'guardian 黄*' });

    // Now he answers in his own channel: the reference the grid worker still holds confirms nothing,
    // and a new visit shows no request.
    const late = await t.gql(grid, GRID_CONFIRM, { r: pending[1]!.id });
    expect(late.errors![0]).toMatchObject({ path: ['confirmGuardianshipOnGridVisit'], extensions: { code: 'FORBIDDEN', reason: 'OWN_CHANNEL' } });
    expect(await activeLinks(stranger.id, id)).toBe(0);
    expect(await pendingOf(own)).toEqual([expect.objectContaining({ requesterName: '马骏', status: 'PENDING' })]);
    expect((await t.gql<GridFound>(grid, GRID_LOOKUP, { input: { documentNumber: doc, name: '黄德明' } })).data!.gridVisitPerson.pendingGuardianshipRequests).toEqual([]);
  });

  it("ends a provisional guardian's link when the authority declines their request, with their paper codes (issue 21)", async () => {
    const doc = residentId({ birthDate: '1944-07-07' });
    const neighbour = await newResident(t, 'dev-channel-wechat-zzg', { name: '马骏' });
    const added = await addByDocument(neighbour, doc, '覃桂英');
    expect(added.data!.addDependent).toMatchObject({ created: true, linked: true });
    const id = added.data!.addDependent.dependent.id;
    const paper = (await t.gql<{ issuePaperCode: { token: string } }>(neighbour.caller, PAPER, { id })).data!.issuePaperCode.token;
    expect(await scan(paper)).toMatchObject({ pass: true });
    const asked = await t.gql<{ requestGuardianship: Request }>(neighbour.caller, REQUEST, { input: dependentInput({ name: '覃桂英', documentNumber: doc, relation: 'OTHER' }) });

    const declined = await t.gql(t.as('dev-authority'), DECLINE, { id: asked.data!.requestGuardianship.id });
    expect(declined.data).toEqual({ declineGuardianshipRequest: { status: 'DECLINED' } });
    expect(await activeLinks(neighbour.id, id)).toBe(0);
    expect((await t.gql(neighbour.caller, 'query($id: ID!) { person(id: $id) { displayName } }', { id })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await t.gql(neighbour.caller, SUBMIT, { input: { personId: id, temperature: 36.5 } })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(await scan(paper)).toMatchObject({ pass: false, reason: 'REVOKED' });
    const rows = await t.stack.db.identity.db.select().from(auditLog).where(and(eq(auditLog.personId, id), eq(auditLog.action, 'DECLINE_GUARDIANSHIP')));
    expect(rows.map((r) => [r.principalKind, r.detail])).toEqual([['authority', expect.objectContaining({ guardianId: neighbour.id, endedBasis: 'NEW_PERSON' })]]);
  });
});
