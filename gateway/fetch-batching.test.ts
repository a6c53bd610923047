import { describe, expect, it } from 'vitest';
import { PRINCIPAL_HEADER } from '../common/domain/principal.js';
import { batchingFetcher } from './fetch-batching.js';
import type { Fetcher } from './fetcher.js';

const URL_ = 'http://health-status.internal/graphql';
const read = (n: number) => JSON.stringify({ query: `query Q__health_status__${n}{_entities{__typename}}`, variables: { n } });
const WRITE = JSON.stringify({ query: 'mutation M__declarations__0{submitDeclaration{id}}', variables: {} });
const init = (body: string, requestId = 'req-1', principal = 'signed-a') => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-request-id': requestId, [PRINCIPAL_HEADER]: principal },
  body,
});

/** A subgraph that answers a batch as Apollo Server does: an array, one result per operation, in order. */
function fakeSubgraph(answer?: (body: string) => Response) {
  const bodies: string[] = [];
  const send: Fetcher = async (_url, i) => {
    const body = i!.body as string;
    bodies.push(body);
    if (answer) return answer(body);
    const parsed = JSON.parse(body) as { variables: { n: number } } | { variables: { n: number } }[];
    const result = (op: { variables: { n: number } }) => ({ data: { n: op.variables.n } });
    const out = Array.isArray(parsed) ? parsed.map(result) : result(parsed);
    return new Response(JSON.stringify(out), { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'private' } });
  };
  return { send, bodies };
}

describe(batchingFetcher.name, () => {
  it("sends one request's parallel reads of a subgraph as one batch and hands each its own result", async () => {
    const sg = fakeSubgraph();
    let http = 0;
    const fetch = batchingFetcher(sg.send, () => http++);
    const [a, b] = await Promise.all([fetch(URL_, init(read(1))), Promise.resolve().then(() => fetch(URL_, init(read(2))))]);
    expect(sg.bodies).toEqual([`[${read(1)},${read(2)}]`]);
    expect(http).toBe(1);
    expect(await a.json()).toEqual({ data: { n: 1 } });
    expect(await b.json()).toEqual({ data: { n: 2 } });
    expect(b.headers.get('cache-control')).toBe('private');
  });

  it('never mixes two requests or two principals, and sends a lone read unchanged', async () => {
    const sg = fakeSubgraph();
    const fetch = batchingFetcher(sg.send);
    await Promise.all([fetch(URL_, init(read(1), 'req-1')), fetch(URL_, init(read(2), 'req-2')), fetch(URL_, init(read(3), 'req-1', 'signed-b'))]);
    expect(sg.bodies.sort()).toEqual([read(1), read(2), read(3)].sort());
  });

  it('sends a mutation on its own, even beside a read of the same request', async () => {
    const sg = fakeSubgraph(() => new Response('{"data":{}}', { status: 200, headers: { 'content-type': 'application/json' } }));
    const fetch = batchingFetcher(sg.send);
    await Promise.all([fetch(URL_, init(WRITE)), fetch(URL_, init(WRITE)), fetch(URL_, init(read(1)))]);
    expect(sg.bodies).toEqual([WRITE, WRITE, read(1)]);
  });

  it("gives every member the batch's answer when it is not an array (a refused principal)", async () => {
    const refused = '{"errors":[{"message":"no principal","extensions":{"code":"UNAUTHENTICATED"}}]}';
    const sg = fakeSubgraph(() => new Response(refused, { status: 401, headers: { 'content-type': 'application/json' } }));
    const fetch = batchingFetcher(sg.send);
    const answers = await Promise.all([fetch(URL_, init(read(1))), fetch(URL_, init(read(2)))]);
    expect(sg.bodies).toHaveLength(1);
    for (const a of answers) {
      expect(a.status).toBe(401);
      expect(await a.text()).toBe(refused);
    }
  });

  it('rejects every member when the batch fails in transport', async () => {
    const fetch = batchingFetcher(async () => {
      throw new Error('unreachable');
    });
    const results = await Promise.allSettled([fetch(URL_, init(read(1))), fetch(URL_, init(read(2)))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
