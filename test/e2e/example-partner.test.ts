import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExamplePartner } from '../../scripts/example-partner.js';
import { startTestStack, TestClock, type TestStack } from '../helpers/stack.js';

// docs/interop.md sends partners' engineers to this script: it must keep working as the contract moves.
describe('the example partner in docs/interop.md', () => {
  let t: TestStack;
  beforeAll(async () => {
    // The example is a partner's own program: it signs and verifies with the wall clock, so the graph
    // runs on the wall clock here whatever TEST_CLOCK says.
    t = await startTestStack({}, { clock: new TestClock(Date.now()) });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('completes every step against a running graph, and again as a re-run (keys rotated)', async () => {
    const lines: string[] = [];
    const first = await runExamplePartner(t.stack.gateway.url, (l) => lines.push(l));
    expect(first.steps.filter((s) => !s.ok), lines.join('\n')).toEqual([]);
    expect(first.steps.map((s) => s.step)).toContain('register');
    const second = await runExamplePartner(t.stack.gateway.url, (l) => lines.push(l));
    expect(second.steps.filter((s) => !s.ok), lines.join('\n')).toEqual([]);
    expect(second.steps[0]!.step).toBe('register (already registered: keys rotated)');
  });
});
