import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/supergraph.js';
import { startTestStack, TestClock, type TestStack } from '../helpers/stack.js';

/** One pinned step of docs/tour.md's "Smoke operations". */
interface Step {
  title: string;
  apiKey: string;
  channelUser?: string;
  query: string;
  variables?: Record<string, unknown>;
  expect: Record<string, unknown>;
}

/** Reads the steps: a `###` title, an `as:` line with the key (and channel user), and fenced blocks. */
export function smokeSteps(markdown: string): Step[] {
  const section = markdown.split(/^## Smoke operations$/m)[1];
  if (!section) throw new Error('docs/tour.md has no "## Smoke operations" section');
  return section
    .split(/^### /m)
    .slice(1)
    .map((chunk) => {
      const title = chunk.split('\n')[0]!.trim();
      const as = /^as: `([^`]+)`(?: `([^`]+)`)?$/m.exec(chunk);
      const block = (info: string) => new RegExp('^```' + info + '\\n([\\s\\S]*?)^```$', 'm').exec(chunk)?.[1];
      const query = block('graphql');
      const expected = block('json expect');
      if (!as || !query || !expected) throw new Error(`step "${title}" needs an as: line, a graphql block and a json expect block`);
      const variables = block('json variables');
      return {
        title,
        apiKey: as[1]!,
        channelUser: as[2],
        query,
        variables: variables ? (JSON.parse(variables) as Record<string, unknown>) : undefined,
        expect: JSON.parse(expected) as Record<string, unknown>,
      };
    });
}

const STEPS = smokeSteps(readFileSync(`${ROOT}/docs/tour.md`, 'utf8'));

describe('docs/tour.md smoke operations, against the running graph', () => {
  let t: TestStack;

  beforeAll(async () => {
    t = await startTestStack({}, { clock: new TestClock(Date.parse('2026-11-20T09:00:00+08:00')) });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has steps to run', () => {
    expect(STEPS.length).toBeGreaterThanOrEqual(5);
  });

  // In order: each step builds on the ones before it, as a reader following the page would.
  it.each(STEPS.map((s, i) => [`${i + 1}. ${s.title}`, s] as const))('%s', async (_title, step) => {
    const res = await t.gql({ key: step.apiKey, channelUser: step.channelUser }, step.query, step.variables);
    const { status: _status, ...body } = res;
    expect(body).toMatchObject(step.expect);
  });
});
