import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, guardianships } from '../../subgraphs/identity/db/tables.js';
import { ADD_DEPENDENT, REGISTER, SUBMIT, dependentInput, registerInput, residentId } from '../factories/people.js';
import { newResident, type Resident } from '../helpers/people.js';
import { startTestStack, TestClock, type TestStack } from '../helpers/stack.js';

type Added = { addDependent: { created: boolean; linked: boolean; dependent: { id: string } } };
type Request = { id: string; requesterName: string; relation: string; status: string };
const REQUEST = 'mutation($input: AddDependentInput!) { requestGuardianship(input: $input) { id requesterName relation status } }';
const ACCEPT = 'mutation($id: ID!) { acceptGuardianshipRequest(id: $id) { request { status decidedAt } person { id displayName guardians { person { id } } } } }';
const DECLINE = 'mutation($id: ID!) { declineGuardianshipRequest(id: $id) { status } }';
const PENDING = '{ me { guardianshipRequests { id requesterName relation status } } }';
const VERIFY = 'mutation($input: VerifyCodeInput!) { verifyCode(input: $input) { pass reason paper } }';
const PAPER = 'mutation($id: ID!) { issuePaperCode(personId: $id) { token } }';

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
    const person = await registered(birthDate);
    const guardian = await newResident(t);
    const res = await link(guardian, person);
    if (linked) {
      expect(res.errors).toBeUndefined();
      expect(res.data!.addDependent).toMatchObject({ created: false, linked: true, dependent: { id: person.id } });
    } else {
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CONSENT_REQUIRED' });
    }
    expect(await activeLinks(guardian.id, person.id)).toBe(linked ? 1 : 0);
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

  it('refuses a request for nobody registered, for a person already in the household, and a stranger reading the requests', async () => {
    const asker = await newResident(t);
    const nobody = await t.gql(asker.caller, REQUEST, { input: dependentInput({ documentNumber: residentId({ birthDate: '1980-01-01' }) }) });
    expect(nobody.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'NOT_REGISTERED' });
    const elder = await registered('1940-01-01');
    expect((await link(asker, elder)).data!.addDependent.linked).toBe(true);
    const again = await t.gql(asker.caller, REQUEST, { input: dependentInput({ name: '周建国', documentNumber: await documentOf(elder), relation: 'OTHER' }) });
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_GUARDIAN' });
    // Even a guardian does not see who else asks to become one.
    const read = await t.gql(asker.caller, 'query($id: ID!) { person(id: $id) { guardianshipRequests { id } } }', { id: elder.id });
    expect(read.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('revokes the paper codes a guardian printed when the member removes them from their own channel, and only theirs', async () => {
    const daughter = await newResident(t, 'dev-channel-wechat-zzg', { name: '王芳' });
    const son = await newResident(t, 'dev-channel-alipay', { name: '王刚' });
    const doc = residentId({ birthDate: '1950-03-03' });
    const first = await t.gql<Added>(daughter.caller, ADD_DEPENDENT, { input: dependentInput({ name: '王大爷', documentNumber: doc, relation: 'PARENT' }) });
    const grandpa = first.data!.addDependent.dependent.id;
    expect((await t.gql<Added>(son.caller, ADD_DEPENDENT, { input: dependentInput({ name: '王大爷', documentNumber: doc, relation: 'PARENT' }) })).data!.addDependent.linked).toBe(true);
    const paperOf = async (r: Resident) => (await t.gql<{ issuePaperCode: { token: string } }>(r.caller, PAPER, { id: grandpa })).data!.issuePaperCode.token;
    const [hers, his] = [await paperOf(daughter), await paperOf(son)];
    const authorities = (await t.gql<{ issuePaperCode: { token: string } }>(t.as('dev-authority'), PAPER, { id: grandpa })).data!.issuePaperCode.token;
    expect(await scan(hers)).toMatchObject({ pass: true });

    // Grandpa gets a phone of his own (a 76-year-old dependent) and drops his son.
    const own = t.as('dev-channel-aiguangxi', `grandpa-${randomUUID()}`);
    expect((await t.gql<{ registerPerson: { person: { id: string } } }>(own, REGISTER, { input: registerInput({ name: '王大爷', documentNumber: doc }) })).data!.registerPerson.person.id).toBe(grandpa);
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
});
