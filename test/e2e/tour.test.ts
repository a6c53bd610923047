import { readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrincipalKind } from '../../common/domain/principal.js';
import { apiSchema, audienceOf, contractSchema } from '../../gateway/contracts.js';
import { DEV_KEYS } from '../../scripts/seed.js';
import { ROOT, SUPERGRAPH_FILE } from '../../scripts/supergraph.js';
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

/** One `curl` example of the tour's shell blocks: the key it sends and the operation in its body. */
interface CurlExample {
  line: number;
  apiKey: string;
  query: string;
}

/**
 * The tour's curl examples, read as the shell would: `NAME='...'` assignments, `\` continuations and
 * a double-quoted body's escapes and `$NAME`s (a value the reader pastes in, such as `$MOTHER`, is any
 * string). Examples with no `x-api-key` (a partner's JWT) are left out.
 */
export function curlExamples(markdown: string): CurlExample[] {
  const vars = new Map<string, string>();
  const out: CurlExample[] = [];
  for (const block of markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)) {
    const start = markdown.slice(0, block.index).split('\n').length + 1;
    let command = '';
    let first = 0;
    block[1]!.split('\n').forEach((text, i) => {
      if (!command) first = start + i;
      command += text.endsWith('\\') ? `${text.slice(0, -1)} ` : text;
      if (text.endsWith('\\')) return;
      read(command, first);
      command = '';
    });
  }
  return out;

  function read(command: string, line: number): void {
    const assigned = /^([A-Z_]+)='([^']*)'$/.exec(command.trim());
    if (assigned) vars.set(assigned[1]!, assigned[2]!);
    if (!/^curl\b/.test(command.trim())) return;
    const apiKey = /x-api-key: ([^'"\s]+)/.exec(command)?.[1];
    const single = /-d '([^']*)'/.exec(command)?.[1];
    const double = /-d "((?:[^"\\]|\\.)*)"/.exec(command)?.[1];
    if (!apiKey || (single === undefined && double === undefined)) return;
    const body =
      single ??
      double!.replace(/\\(["$\\])|\$([A-Z_]+)/g, (_m, escaped: string | undefined, name: string | undefined) =>
        escaped ?? JSON.stringify(vars.get(name!) ?? 'x').slice(1, -1),
      );
    out.push({ line, apiKey, query: (JSON.parse(body) as { query: string }).query });
  }
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

  it("validates every curl example of the tour against the schema its key's principal sees (its contract)", () => {
    const examples = curlExamples(readFileSync(`${ROOT}/docs/tour.md`, 'utf8'));
    expect(examples.length).toBeGreaterThanOrEqual(20);
    const supergraph = readFileSync(SUPERGRAPH_FILE, 'utf8');
    const invalid = examples.flatMap((e) => {
      const kind = DEV_KEYS.find((k) => k.key === e.apiKey)?.kind as PrincipalKind | undefined;
      if (!kind) return [`line ${e.line}: ${e.apiKey} is no development key`];
      const audience = audienceOf(kind);
      const errors = validate(audience ? contractSchema(supergraph, audience) : apiSchema(supergraph), parse(e.query));
      return errors.map((err) => `line ${e.line} (${kind}): ${err.message}`);
    });
    expect(invalid).toEqual([]);
  });

  // In order: each step builds on the ones before it, as a reader following the page would.
  it.each(STEPS.map((s, i) => [`${i + 1}. ${s.title}`, s] as const))('%s', async (_title, step) => {
    const res = await t.gql({ key: step.apiKey, channelUser: step.channelUser }, step.query, step.variables);
    const { status: _status, ...body } = res;
    expect(body).toMatchObject(step.expect);
  });
});
