import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subgraphRequests } from '../../common/platform/metrics.js';
import { ADD_DEPENDENT, SUBMIT, dependentInput, residentId } from '../factories/people.js';
import { newResident, type Resident } from '../helpers/people.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const HOUSEHOLD = /* GraphQL */ `
  { me { displayName todayDeclaration { normal } dependents { displayName todayDeclaration { normal } } } }
`;

async function subgraphRequestTotal(): Promise<number> {
  return (await subgraphRequests.get()).values.reduce((n, v) => n + v.value, 0);
}

/**
 * A resident opening their code with their household costs the same number of subgraph requests
 * and SQL statements whether the household has one member or ten: references are batched per
 * request, never fetched one by one.
 */
describe('cost of a household query', () => {
  let t: TestStack;

  beforeAll(async () => {
    t = await startTestStack();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function household(members: number): Promise<Resident> {
    const guardian = await newResident(t);
    for (let i = 0; i < members; i++) {
      const added = await t.gql<{ addDependent: { dependent: { id: string } } }>(guardian.caller, ADD_DEPENDENT, {
        input: dependentInput({ documentNumber: residentId({ birthDate: `19${40 + i}-01-0${1 + (i % 9)}` }) }),
      });
      expect(added.errors, JSON.stringify(added.errors)).toBeUndefined();
      await t.gql(guardian.caller, SUBMIT, { input: { personId: added.data!.addDependent.dependent.id, temperature: 36.5 } });
    }
    await t.gql(guardian.caller, SUBMIT, { input: { temperature: 36.6 } });
    // Warm: the first request after the mutations brings each consumer up to date.
    await t.gql(guardian.caller, HOUSEHOLD);
    return guardian;
  }

  async function measure(r: Resident): Promise<{ requests: number; statements: number; members: number }> {
    // Background consumers woken by a late NOTIFY would add statements of their own; stop them.
    // Requests still bring each consumer up to date themselves (read-your-writes).
    for (const mod of Object.values(t.stack.modules)) for (const job of mod.background ?? []) await job.stop();
    const owners = Object.values(t.stack.db);
    const requests0 = await subgraphRequestTotal();
    const statements0 = owners.reduce((n, h) => n + h.statements.forRequests, 0);
    const res = await t.gql<{ me: { dependents: { todayDeclaration: { normal: boolean } }[] } }>(r.caller, HOUSEHOLD);
    expect(res.errors).toBeUndefined();
    return {
      requests: (await subgraphRequestTotal()) - requests0,
      statements: owners.reduce((n, h) => n + h.statements.forRequests, 0) - statements0,
      members: res.data!.me.dependents.filter((d) => d.todayDeclaration?.normal === true).length,
    };
  }

  it('is the same for 1 and for 10 household members', async () => {
    const small = await measure(await household(1));
    const large = await measure(await household(10));
    expect(small.members).toBe(1);
    expect(large.members).toBe(10);
    expect(large.requests, JSON.stringify({ small, large })).toBe(small.requests);
    expect(large.statements, JSON.stringify({ small, large })).toBe(small.statements);
    // And small in absolute terms: identity, declarations for me, identity for the members' names, declarations for theirs.
    expect(small.requests).toBeLessThanOrEqual(4);
    expect(small.statements).toBeLessThanOrEqual(12);
  });
});
