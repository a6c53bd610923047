import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declarationVersions } from '../../subgraphs/declarations/db/tables.js';
import { ADD_DEPENDENT, REGISTER, SUBMIT, dependentInput, registerInput, residentId } from '../factories/people.js';
import { newResident } from '../helpers/people.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

type Added = { addDependent: { created: boolean; linked: boolean; dependent: { id: string; displayName: string } } };
type Submitted = { submitDeclaration: { declaration: { id: string; version: number; normal: boolean; submittedByRelation: string; submittedBy: { id: string }; channel: { code: string; name: string } } } };

describe('households and declarations through the gateway', () => {
  let t: TestStack;
  const versionsOf = async (personId: string) =>
    (await t.stack.db.declarations.db.select({ n: count() }).from(declarationVersions).where(eq(declarationVersions.personId, personId)))[0]!.n;

  beforeAll(async () => {
    t = await startTestStack();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets a guardian declare for a grandparent through aiguangxi, and shows who declared', async () => {
    const guardian = await newResident(t, 'dev-channel-aiguangxi');
    const added = await t.gql<Added>(guardian.caller, ADD_DEPENDENT, { input: dependentInput({ documentNumber: residentId({ birthDate: '1941-02-03' }) }) });
    expect(added.errors).toBeUndefined();
    expect(added.data!.addDependent).toMatchObject({ created: true, linked: true, dependent: { displayName: '李奶奶' } });
    const grandma = added.data!.addDependent.dependent.id;

    const res = await t.gql<Submitted>(guardian.caller, SUBMIT, { input: { personId: grandma, temperature: 36.6 } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.submitDeclaration.declaration).toMatchObject({
      version: 1,
      normal: true,
      submittedByRelation: 'GUARDIAN',
      submittedBy: { id: guardian.id },
      channel: { code: 'aiguangxi', name: '爱广西' },
    });

    const history = await t.gql(guardian.caller, 'query($id: ID!) { person(id: $id) { displayName declarations { edges { node { temperature submittedBy { id displayName } } } } } }', { id: grandma });
    expect(history.data).toEqual({
      person: { displayName: '李奶奶', declarations: { edges: [{ node: { temperature: 36.6, submittedBy: { id: guardian.id, displayName: '李明' } } }] } },
    });
  });

  it('refuses a declaration by someone who is not a guardian, and writes nothing', async () => {
    const guardian = await newResident(t);
    const added = await t.gql<Added>(guardian.caller, ADD_DEPENDENT, { input: dependentInput({ documentNumber: residentId({ birthDate: '1938-08-08' }) }) });
    const grandpa = added.data!.addDependent.dependent.id;
    const stranger = await newResident(t, 'dev-channel-alipay');
    const res = await t.gql(stranger.caller, SUBMIT, { input: { personId: grandpa, temperature: 36.5 } });
    expect(res.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(await versionsOf(grandpa)).toBe(0);
  });

  it('takes a removal into effect on the very next request, in every subgraph', async () => {
    const guardian = await newResident(t);
    const added = await t.gql<Added>(guardian.caller, ADD_DEPENDENT, { input: dependentInput({ documentNumber: residentId({ birthDate: '2015-06-01' }), name: '李小宝', relation: 'CHILD' }) });
    const child = added.data!.addDependent.dependent.id;
    expect((await t.gql(guardian.caller, SUBMIT, { input: { personId: child, temperature: 36.4 } })).errors).toBeUndefined();

    const removed = await t.gql(guardian.caller, 'mutation($id: ID!) { removeDependent(personId: $id) { removedPersonId guardian { dependents { id } } } }', { id: child });
    expect(removed.data).toEqual({ removeDependent: { removedPersonId: child, guardian: { dependents: [] } } });

    // The subgraph's refusal reaches the caller whole: code, reason and path, and nothing of the subgraph.
    const declare = await t.gql(guardian.caller, SUBMIT, { input: { personId: child, temperature: 36.4 } });
    expect(declare.errors![0]).toMatchObject({ path: ['submitDeclaration'], extensions: { code: 'FORBIDDEN', reason: expect.any(String) } });
    expect(declare.errors![0]!.extensions).not.toHaveProperty('response');
    const read = await t.gql(guardian.caller, 'query($id: ID!) { person(id: $id) { id } }', { id: child });
    expect(read.errors![0]).toMatchObject({ path: ['person'], extensions: { code: 'FORBIDDEN', reason: expect.any(String) } });
    expect(read.errors![0]!.extensions).not.toHaveProperty('response');
    expect(await versionsOf(child)).toBe(1);
  });

  it("gives a guardian their own children's full names, two 李 children apart, while a checkpoint's scan and another resident see them masked (issue 23)", async () => {
    const guardian = await newResident(t);
    const ids: string[] = [];
    for (const [name, birthDate] of [['李小明', '2016-03-01'], ['李小红', '2018-07-09']] as const) {
      const added = await t.gql<Added>(guardian.caller, ADD_DEPENDENT, { input: dependentInput({ name, relation: 'CHILD', documentNumber: residentId({ birthDate }) }) });
      expect(added.errors).toBeUndefined();
      ids.push(added.data!.addDependent.dependent.id);
    }
    type Household = { me: { dependents: { id: string; displayName: string; maskedName: string; healthCode: { token: string } }[] } };
    const seen = await t.gql<Household>(guardian.caller, '{ me { dependents { id displayName maskedName healthCode { token } } } }');
    expect(seen.errors).toBeUndefined();
    const dependents = seen.data!.me.dependents;
    expect(dependents.map((d) => [d.displayName, d.maskedName]).sort()).toEqual([
      ['李小明', '李**'],
      ['李小红', '李**'],
    ]);

    // A checkpoint scanning the child's code sees the masked name only.
    const checkpoint = { key: 'hcg_dev_checkpoint_gate' };
    for (const d of dependents) {
      const scan = await t.gql<{ verifyCode: { person: { displayName: string } } }>(checkpoint, 'mutation($token: String!) { verifyCode(input: { token: $token }) { person { displayName } } }', { token: d.healthCode.token });
      expect(scan.data!.verifyCode.person.displayName).toBe('李**');
    }
    // Another resident is no guardian of theirs: the full name never reaches them.
    const stranger = await newResident(t);
    const asked = await t.gql<{ person: { displayName: string } | null }>(stranger.caller, 'query($id: ID!) { person(id: $id) { displayName } }', { id: ids[0] });
    expect(JSON.stringify(asked.data ?? null)).not.toContain('李小明');
  });

  it('lets a member have two guardians, and a member who got a phone remove one', async () => {
    const mum = await newResident(t, 'dev-channel-wechat-zzg', { name: '王芳' });
    const dad = await newResident(t, 'dev-channel-alipay', { name: '赵刚' });
    const doc = residentId({ birthDate: '2015-01-01' });
    const a = await t.gql<Added>(mum.caller, ADD_DEPENDENT, { input: dependentInput({ documentNumber: doc, name: '赵小明', relation: 'CHILD' }) });
    const b = await t.gql<Added>(dad.caller, ADD_DEPENDENT, { input: dependentInput({ documentNumber: doc, name: '赵小明', relation: 'CHILD' }) });
    expect(b.data!.addDependent).toMatchObject({ created: false, linked: true, dependent: { id: a.data!.addDependent.dependent.id } });
    const kid = a.data!.addDependent.dependent.id;

    // The child registers through a channel of their own: the same person, bound once more. Links
    // they never accepted end there and come back as requests (issue 21): they accept both.
    const kidCaller = t.as('dev-channel-aiguangxi', `kid-${randomUUID()}`);
    const reg = await t.gql<{ registerPerson: { person: { id: string } } }>(kidCaller, REGISTER, { input: registerInput({ documentNumber: doc, name: '赵小明' }) });
    expect(reg.data!.registerPerson.person.id).toBe(kid);
    const asked = await t.gql<{ me: { guardianshipRequests: { id: string }[] } }>(kidCaller, '{ me { guardianshipRequests { id } } }');
    expect(asked.data!.me.guardianshipRequests).toHaveLength(2);
    for (const { id } of asked.data!.me.guardianshipRequests) {
      expect((await t.gql(kidCaller, 'mutation($id: ID!) { acceptGuardianshipRequest(id: $id) { request { status } } }', { id })).errors).toBeUndefined();
    }
    const guardians = await t.gql<{ me: { guardians: { person: { id: string }; relation: string }[] } }>(kidCaller, '{ me { guardians { person { id } relation } } }');
    expect(guardians.data!.me.guardians.map((g) => g.person.id).sort()).toEqual([mum.id, dad.id].sort());

    const r = await t.gql(kidCaller, 'mutation($g: ID!) { removeGuardian(guardianId: $g) { person { guardians { person { id } } } } }', { g: dad.id });
    expect(r.data).toEqual({ removeGuardian: { person: { guardians: [{ person: { id: mum.id } }] } } });
    const dadDeclares = await t.gql(dad.caller, SUBMIT, { input: { personId: kid, temperature: 36.5 } });
    expect(dadDeclares.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('refuses a guardian who is not an adult, and a member who does not live with them', async () => {
    const teen = await newResident(t, 'dev-channel-alipay', { documentNumber: residentId({ birthDate: '2010-05-05' }) });
    const notAdult = await t.gql(teen.caller, ADD_DEPENDENT, { input: dependentInput({ documentNumber: residentId({ birthDate: '1950-01-01' }) }) });
    expect(notAdult.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'GUARDIAN_NOT_ADULT' });
    const adult = await newResident(t);
    const apart = await t.gql(adult.caller, ADD_DEPENDENT, { input: dependentInput({ coResident: false }) });
    expect(apart.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CO_RESIDENCE_REQUIRED' });
  });

  it('keeps one current declaration a day and every version', async () => {
    const r = await newResident(t);
    await t.gql(r.caller, SUBMIT, { input: { temperature: 36.5 } });
    const second = await t.gql<Submitted>(r.caller, SUBMIT, { input: { temperature: 37.8, symptoms: ['COUGH'] } });
    expect(second.data!.submitDeclaration.declaration).toMatchObject({ version: 2, normal: false });
    const q = '{ me { todayDeclaration { version temperature normal versions { version temperature } } declarations { edges { node { version } } } } }';
    const res = await t.gql(r.caller, q);
    expect(res.data).toEqual({
      me: {
        todayDeclaration: { version: 2, temperature: 37.8, normal: false, versions: [{ version: 1, temperature: 36.5 }, { version: 2, temperature: 37.8 }] },
        declarations: { edges: [{ node: { version: 2 } }] },
      },
    });
    expect(await versionsOf(r.id)).toBe(2);
  });

  it.each([
    ['a declaration dated tomorrow', { date: '2999-01-01', temperature: 36.5 }, 'FUTURE_DATE'],
    ['a temperature of 55', { temperature: 55 }, 'BAD_TEMPERATURE'],
    ['an unknown symptom', { temperature: 36.5, symptoms: ['SNEEZING'] }, undefined],
    ['a region code of no province', { temperature: 36.5, exposures: [{ kind: 'KEY_AREA_STAY', regionCode: '990101' }] }, 'BAD_REGION'],
    ['a trip from nowhere', { temperature: 36.5, trip: { fromRegion: '000000', toRegion: '450103', date: '2020-03-01', transport: 'TRAIN' } }, 'BAD_REGION'],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_what, input, reason) => {
    const r = await newResident(t);
    const res = await t.gql(r.caller, SUBMIT, { input });
    expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    if (reason) expect(res.errors![0]!.extensions!.reason).toBe(reason);
    expect(await versionsOf(r.id)).toBe(0);
  });
});
