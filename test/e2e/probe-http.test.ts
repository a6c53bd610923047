import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPrincipal } from '../../common/domain/principal.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

type Body = { data?: unknown; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };

const AUTHORITY = { 'x-api-key': 'hcg_dev_authority' };
const GATE = '01900000-0000-7000-8000-00000000c0de';

/**
 * What a second outside probe found in production mode: client mistakes that still came back as
 * INTERNAL_SERVER_ERROR, or in a shape that is not GraphQL's (no `errors`, no `extensions.code`).
 */
describe('a second outside probe, production mode', () => {
  let t: TestStack;
  beforeAll(async () => {
    t = await startTestStack({}, { production: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  const send = async (body: string, headers: Record<string, string> = { 'content-type': 'application/json', ...AUTHORITY }) => {
    const res = await fetch(t.stack.gateway.url, { method: 'POST', headers: { accept: 'application/graphql-response+json', ...headers }, body });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) as Body };
  };

  it.each([
    ['a year beyond 9999', '+099999-11-28T00:00:00+08:00'],
    ['30 February', '2026-02-30T00:00:00+08:00'],
  ])('refuses an invalid DateTime written inline (%s) with the subgraph\'s code, not INTERNAL', async (_name, from) => {
    const query = `{ scans(checkpointId: "${GATE}", from: "${from}", to: "2026-11-27T00:00:00+08:00") { edges { node { at } } } }`;
    const res = await send(JSON.stringify({ query }));
    expect(res.status).toBeLessThan(500);
    const error = res.body.errors![0]!;
    expect(error.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toMatch(/DateTime/);
    // The subgraph's URL and raw answer stay inside.
    expect(res.text).not.toMatch(/127\.0\.0\.1|response/);
  });

  it('refuses a persisted query of an unsupported version as the client\'s mistake (400 BAD_REQUEST)', async () => {
    const res = await send(JSON.stringify({ extensions: { persistedQuery: { version: 'x', sha256Hash: 5 } } }));
    expect(res.status).toBe(400);
    expect(res.body.errors![0]!.extensions!.code).toBe('BAD_REQUEST');
  });

  it('answers a body that is not JSON in GraphQL\'s shape: 400 with errors[].extensions.code', async () => {
    const res = await send('{"query":');
    expect(res.status).toBe(400);
    expect(res.body.errors![0]!.extensions!.code).toBe('BAD_REQUEST');
  });

  it('answers an oversized body in GraphQL\'s shape: 413 with errors[].extensions.code', async () => {
    const res = await send(JSON.stringify({ query: '{ channels { code } }', variables: { x: 'a'.repeat(3 * 1024 * 1024) } }));
    expect(res.status).toBe(413);
    expect(res.body.errors![0]!.extensions!.code).toBe('BAD_REQUEST');
  });

  it.each(['PUT', 'PATCH', 'DELETE'])('answers %s on /graphql with 405, Allow and GraphQL\'s error shape, at the gateway and a subgraph', async (method) => {
    for (const url of [t.stack.gateway.url, t.stack.subgraphs['identity'].url]) {
      const res = await fetch(url, { method, headers: { 'content-type': 'application/json', ...AUTHORITY }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(res.status, url).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, POST, OPTIONS');
      const body = (await res.json()) as Body;
      expect(body.errors![0]!.extensions!.code).toBe('METHOD_NOT_ALLOWED');
    }
  });

  // Federation's `_entities` as a strict reader of the subgraph spec would call it, with the gateway's signature.
  const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
  const entities = async (subgraph: 'identity' | 'declarations' | 'health-status' | 'interop', representations: unknown[]) => {
    const principal = await signPrincipal({ kind: 'authority', subject: 'probe', scopes: ['authority'] }, t.config.secrets.gatewaySecret);
    const res = await fetch(t.stack.subgraphs[subgraph].url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hcg-principal': principal },
      body: JSON.stringify({ query: ENTITIES, variables: { r: representations } }),
    });
    return (await res.json()) as Body;
  };

  it.each([
    ['an unknown __typename', 'identity', { __typename: 'Nope', id: 'x' }],
    ['no __typename', 'identity', { id: 'x' }],
    ['not an object', 'health-status', 'Person'],
    ['a type this subgraph does not resolve', 'interop', { __typename: 'Person', id: '01900000-0000-7000-8000-000000000001' }],
    ['a representation missing its key (identity)', 'identity', { __typename: 'Person' }],
    ['a representation missing its key (declarations)', 'declarations', { __typename: 'Person' }],
    ['a representation missing its key (health-status)', 'health-status', { __typename: 'Person' }],
  ] as const)('refuses _entities with %s as BAD_USER_INPUT, not INTERNAL or an entity without its key', async (_name, subgraph, representation) => {
    const res = await entities(subgraph, [representation]);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.reason).toBe('BAD_REPRESENTATION');
  });

  it('resolves 100 representations of a well-formed key in one call', async () => {
    const res = await entities('identity', Array.from({ length: 100 }, () => ({ __typename: 'Person', id: '01900000-0000-7000-8000-000000000001' })));
    expect(res.errors).toBeUndefined();
    expect((res.data as { _entities: unknown[] })._entities).toHaveLength(100);
  });
});
