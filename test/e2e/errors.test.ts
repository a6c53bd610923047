import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPrincipal } from '../../common/domain/principal.js';
import { REGISTER_PARTNER, SimulatedPartner } from '../helpers/partner.js';
import { newResident } from '../helpers/people.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

type Body = { data?: Record<string, unknown> | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };

const GRAPHQL_RESPONSE = 'application/graphql-response+json';
const AUTHORITY = { 'x-api-key': 'hcg_dev_authority' };

/** What an outside probe found: a client's mistake must never be a 500, and every refusal says why in `extensions.code`. */
describe('error shapes at the gateway', () => {
  let t: TestStack;
  beforeAll(async () => {
    t = await startTestStack();
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = async (body: unknown, headers: Record<string, string> = AUTHORITY, accept = GRAPHQL_RESPONSE) => {
    const res = await fetch(t.stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', accept, ...headers }, body: JSON.stringify(body) });
    return { status: res.status, contentType: res.headers.get('content-type'), ...((await res.json()) as Body) };
  };
  const nested = (depth: number): string => (depth === 0 ? 'id' : `dependents { ${nested(depth - 1)} }`);

  it.each([
    ['a syntax error', '{ me { id', 'GRAPHQL_PARSE_FAILED'],
    ['a whitespace-only query', '   \n\t ', 'GRAPHQL_PARSE_FAILED'],
    ['an unknown field', '{ nosuchfield }', 'GRAPHQL_VALIDATION_FAILED'],
    ['a subscription (the graph has none)', 'subscription { me { id } }', 'GRAPHQL_VALIDATION_FAILED'],
  ])('answers %s with 400 and its code (application/graphql-response+json)', async (_name, query, code) => {
    const res = await post({ query });
    expect(res.status).toBe(400);
    expect(res.errors![0]!.extensions!.code).toBe(code);
    expect(res.data).toBeUndefined();
  });

  it('answers an unknown operationName with 400 OPERATION_RESOLUTION_FAILURE', async () => {
    const res = await post({ query: 'query A { __typename } query B { __typename }', operationName: 'C' });
    expect(res.status).toBe(400);
    expect(res.errors![0]!.extensions!.code).toBe('OPERATION_RESOLUTION_FAILURE');
  });

  it('answers the same mistakes with 200 and the same code to a legacy application/json client (GraphQL over HTTP)', async () => {
    for (const [query, code] of [
      ['{ me { id', 'GRAPHQL_PARSE_FAILED'],
      ['{ nosuchfield }', 'GRAPHQL_VALIDATION_FAILED'],
    ] as const) {
      const res = await post({ query }, AUTHORITY, 'application/json');
      expect(res.status, query).toBe(200);
      expect(res.contentType).toMatch(/^application\/json/);
      expect(res.errors![0]!.extensions!.code).toBe(code);
    }
  });

  it.each([
    ['tokens', `{ ${Array.from({ length: 2500 }, (_, i) => `a${i}: __typename`).join(' ')} }`],
    ['depth', `{ person(id: "x") { ${nested(10)} } }`],
    ['aliases', `{ channels { ${Array.from({ length: 16 }, (_, i) => `a${i}: code`).join(' ')} } }`],
    [
      'cost',
      `{ ${Array.from({ length: 3 }, (_, i) => `a${i}: appeals(first: 100) { edges { node { id reasonCode statement status filedAt decidedAt decisionNote designationId person { id displayName } } } }`).join(' ')} }`,
    ],
  ])('answers an operation over the %s limit with 400 OPERATION_LIMIT, naming the limit, never "Syntax Error"', async (limit, query) => {
    const res = await post({ query });
    expect(res.status, JSON.stringify(res.errors)).toBe(400);
    expect(res.errors, JSON.stringify(res.errors)).toHaveLength(1);
    expect(res.errors![0]!.extensions, res.errors![0]!.message).toMatchObject({ code: 'OPERATION_LIMIT', limit });
    expect(res.errors![0]!.message).not.toMatch(/syntax error/i);
  });

  const PAGE_FIELDS = 'edges { node { id reasonCode statement status filedAt decidedAt decisionNote designationId person { id displayName } } }';
  it.each([
    ['a variable', `query($n: Int!) { ${[0, 1, 2].map((i) => `a${i}: appeals(first: $n) { ${PAGE_FIELDS} }`).join(' ')} }`, { n: 100 }],
    ["a variable's default", `query($n: Int = 100) { ${[0, 1, 2].map((i) => `a${i}: appeals(first: $n) { ${PAGE_FIELDS} }`).join(' ')} }`, {}],
    // appeals' own default page is 50: seven such pages are over the limit as surely as seven of `first: 50`.
    ["the argument's default", `{ ${Array.from({ length: 7 }, (_, i) => `a${i}: appeals { ${PAGE_FIELDS} }`).join(' ')} }`, {}],
  ])('counts a page size given by %s against the cost limit, as a literal would be', async (_how, query, variables) => {
    const res = await post({ query, variables });
    expect(res.status, JSON.stringify(res.errors)).toBe(400);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'cost', max: 5000 });
    // The same operation with small pages runs.
    if ('n' in variables) {
      const small = await post({ query, variables: { n: 5 } });
      expect(small.errors, JSON.stringify(small.errors)).toBeUndefined();
    }
  });

  it("lets the largest documented page through the cost limit: appeals(first: 100) with nine fields", async () => {
    const res = await post({
      query: '{ appeals(first: 100) { edges { cursor node { id reasonCode designationId statement status filedAt decidedAt decisionNote person { displayName } } } pageInfo { hasNextPage endCursor } } }',
    });
    expect(res.errors).toBeUndefined();
    expect(res.status).toBe(200);
  });

  it('refuses JSON variables nested deeper than the limit with BAD_USER_INPUT, not INTERNAL', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = { a: deep };
    const res = await post({ query: 'mutation($k: JSON!) { rotatePartnerKeys(code: "440000", keys: $k) { code } }', variables: { k: deep } }, { 'x-api-key': 'hcg_dev_admin' });
    expect(res.status).toBe(400);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'VARIABLES_TOO_DEEP' });
  });

  it('accepts GET queries from clients that send our credential headers (CSRF-safe by construction)', async () => {
    const url = new URL(t.stack.gateway.url);
    url.searchParams.set('query', '{ __typename }');
    const res = await fetch(url, { headers: AUTHORITY });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
    // A browser's simple GET without any such header is still refused (Apollo's CSRF prevention).
    const bare = await fetch(url);
    expect(bare.status).toBe(400);
  });
});

describe('one shape for an authorization denial, at the gateway or in the subgraph', () => {
  let t: TestStack;
  beforeAll(async () => {
    t = await startTestStack();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers the edge check as the owning subgraph does: 200, data per partial results, path, FORBIDDEN', async () => {
    // The authority sees the whole graph (no contract), so `partners` reaches the edge check: operators only.
    const query = '{ partners { code } }';
    const atEdge = await t.gql(t.as('dev-authority'), query);
    const principal = await signPrincipal({ kind: 'authority', subject: 'gx-cdc-demo', scopes: [] }, t.config.secrets.gatewaySecret);
    const inSubgraph = await t.gql({ headers: { 'x-hcg-principal': principal } }, query, undefined, t.stack.subgraphs.interop.url);
    expect(atEdge.status).toBe(200);
    expect(atEdge).toMatchObject({ data: null, errors: [{ path: ['partners'], extensions: { code: 'FORBIDDEN', reason: 'MISSING_SCOPE', coordinate: 'Query.partners' } }] });
    const shape = (r: typeof atEdge) => ({ status: r.status, data: r.data, errors: r.errors!.map(({ message, path, extensions }) => ({ message, path, code: extensions!.code, reason: extensions!.reason, coordinate: extensions!.coordinate })) });
    expect(shape(atEdge)).toEqual(shape(inSubgraph));
  });

  it('keeps the fields the caller may see and nulls only the denied one, with its path', async () => {
    const r = await newResident(t, 'dev-channel-wechat-zzg');
    const res = await t.gql<{ me: { id: string; documentNumber: null } }>(r.caller, '{ me { id documentNumber } }');
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ me: { id: r.id, documentNumber: null } });
    expect(res.errors).toEqual([expect.objectContaining({ path: ['me', 'documentNumber'], extensions: expect.objectContaining({ code: 'FORBIDDEN', coordinate: 'Person.documentNumber' }) })]);
  });

  it('lets a partner reach only interop: channels are not in its contract', async () => {
    const partner = await SimulatedPartner.create('350000');
    const reg = await t.gql(t.as('dev-admin'), REGISTER_PARTNER, { input: { code: '350000', name: '福建省', kind: 'PROVINCE', keys: partner.jwks, rights: ['VERIFY_CODES'] } });
    expect(reg.errors).toBeUndefined();
    const res = await partner.call(t, '{ channels { code } trustList { kid } }');
    expect(res.data).toBeUndefined();
    expect(res.errors).toEqual([expect.objectContaining({ message: 'Cannot query field "channels" on type "Query".', extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }) })]);
    expect((await partner.call(t, '{ trustList { kid } }')).errors).toBeUndefined();
  });
});
