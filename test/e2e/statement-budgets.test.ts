import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementScope } from '../../common/db.js';
import { ADD_DEPENDENT, dependentInput, residentId } from '../factories/people.js';
import { newResident } from '../helpers/people.js';
import { startTestStack, TestClock, type Caller, type TestStack } from '../helpers/stack.js';

const VERIFY = 'mutation($input: VerifyCodeInput!) { verifyCode(input: $input) { pass reason color } }';
const HOUSEHOLD = '{ me { displayName healthCode { color token } dependents { displayName healthCode { color } } } }';
const SUBMIT = 'mutation($input: SubmitDeclarationInput!) { submitDeclaration(input: $input) { declaration { id normal } person { id healthCode { color } } } }';
const COUNTS = 'query($level: RegionLevel!) { colorCounts(level: $level) { regionCode green yellow red total } }';

describe('probe', () => {
  let t: TestStack;
  const clock = new TestClock(Date.parse('2026-11-20T09:00:00+08:00'));
  beforeAll(async () => {
    t = await startTestStack({ EVENTS_POLL_MS: '3600000' }, { clock });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function measure(caller: Caller, query: string, variables?: Record<string, unknown>) {
    for (const mod of Object.values(t.stack.modules)) for (const job of mod.background ?? []) await job.stop();
    const log: string[] = [];
    const restore: (() => void)[] = [];
    for (const [owner, h] of Object.entries(t.stack.db)) {
      const orig = h.statements.logQuery.bind(h.statements);
      h.statements.logQuery = (q: string) => { log.push(`${statementScope.getStore() ?? ''} ${owner}: ${q.replace(/\s+/g, ' ').slice(0, 300)}`); orig(q); };
      restore.push(() => { h.statements.logQuery = orig; });
    }
    const res = await t.gql(caller, query, variables);
    restore.forEach((r) => r());
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    console.log(`${query.slice(0, 40)}: ${log.length}\n  ${log.join('\n  ')}`);
  }

  it('prints', async () => {
    const r = await newResident(t);
    for (let i = 0; i < 2; i++) {
      const added = await t.gql<{ addDependent: { dependent: { id: string } } }>(r.caller, ADD_DEPENDENT, { input: dependentInput({ documentNumber: residentId({ birthDate: `19${40 + i}-01-0${1 + i}` }) }) });
      expect(added.errors).toBeUndefined();
    }
    const tok = await t.gql<{ me: { healthCode: { token: string } } }>(r.caller, '{ me { healthCode { token } } }');
    const token = tok.data!.me.healthCode.token;
    await measure(t.as('dev-checkpoint'), VERIFY, { input: { token, temperature: 36.5 } });
    await measure(t.as('dev-checkpoint'), VERIFY, { input: { token, temperature: 36.5 } });
    await measure(r.caller, HOUSEHOLD);
    await measure(r.caller, HOUSEHOLD);
    await measure(r.caller, SUBMIT, { input: { temperature: 36.6 } });
    await measure(r.caller, SUBMIT, { input: { temperature: 36.7 } });
    await measure(t.as('dev-dashboard'), COUNTS, { level: 'CITY' });
  });
});
