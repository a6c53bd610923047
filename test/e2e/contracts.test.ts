import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newResident } from '../helpers/people.js';
import { startTestStack, type Caller, type GqlResult, type TestStack } from '../helpers/stack.js';

/** What a caller can tell about an answer: status, messages, codes, locations, paths. */
const seen = (r: GqlResult) => ({ status: r.status, data: r.data, errors: r.errors?.map(({ message, extensions, ...rest }) => ({ message, code: extensions?.code, ...rest })) });

/**
 * One stack in development mode, where introspection is allowed; what is compared is what a caller
 * sees in production too (message, code, locations, status: not development's stack traces).
 */
describe('schema contracts at the gateway', () => {
  let t: TestStack;
  let channel: Caller;
  beforeAll(async () => {
    t = await startTestStack();
    channel = (await newResident(t)).caller;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses a dashboard field to a channel exactly as a field that does not exist, before any plan runs", async () => {
    const outside = await t.gql(channel, '{ colorCounts { total } }');
    const unknown = await t.gql(channel, '{ colourCountz { total } }');
    expect(seen(outside)).toEqual({
      status: unknown.status,
      errors: [{ message: 'Cannot query field "colorCounts" on type "Query".', code: 'GRAPHQL_VALIDATION_FAILED', locations: [{ line: 1, column: 3 }] }],
    });
    expect(JSON.stringify(seen(unknown))).toBe(JSON.stringify(seen(outside)).replace('colorCounts', 'colourCountz'));
    // The same operation again comes from Apollo's document cache, validated no more: still refused alike.
    expect(seen(await t.gql(channel, '{ colorCounts { total } }'))).toEqual(seen(outside));
    // A checkpoint's mutation is as unknown to a channel: nothing is planned, nothing runs.
    const mutation = await t.gql(channel, 'mutation { verifyCode(input: { token: "x" }) { pass } }');
    expect(seen(mutation).errors).toEqual([{ message: 'Cannot query field "verifyCode" on type "Mutation".', code: 'GRAPHQL_VALIDATION_FAILED', locations: [{ line: 1, column: 12 }] }]);
  });

  it('reports every field outside the contract, as it reports every unknown one, alone or mixed', async () => {
    const twoOutside = await t.gql(channel, '{ me { id } colorCounts { total } declarationsPerDay(from: "2026-01-01", to: "2026-01-02") { date } }');
    const twoUnknown = await t.gql(channel, '{ me { id } colorCountz { total } declarationsPerDaz(from: "2026-01-01", to: "2026-01-02") { date } }');
    expect(twoOutside.errors).toHaveLength(2);
    expect(JSON.stringify(seen(twoUnknown))).toBe(JSON.stringify(seen(twoOutside)).replace('colorCounts', 'colorCountz').replace('declarationsPerDay', 'declarationsPerDaz'));
    // Mixed with a field no schema has: the schema's failure gives way to the contract's, which names both.
    const mixed = await t.gql(channel, '{ nope colorCounts { total } }');
    const bothUnknown = await t.gql(channel, '{ nope colorCountz { total } }');
    expect(mixed.errors!.map((e) => e.message)).toEqual(['Cannot query field "nope" on type "Query".', 'Cannot query field "colorCounts" on type "Query".']);
    expect(JSON.stringify(seen(bothUnknown))).toBe(JSON.stringify(seen(mixed)).replace('colorCounts', 'colorCountz'));
  });

  it("draws suggestions from the caller's contract only, and never from another audience's fields", async () => {
    // A near miss of a dashboard field: the channel's contract has nothing like it, so no hint at all.
    const nearDashboard = await t.gql(channel, '{ colorCount { total } }');
    expect(nearDashboard.errors!.map((e) => e.message)).toEqual(['Cannot query field "colorCount" on type "Query".']);
    // Suggestions within the contract are masked like any other (graphql-armor), so the two look alike too.
    const nearOwn = await t.gql(channel, '{ mee { id } }');
    expect(nearOwn.errors!.map((e) => e.message)).toEqual(['Cannot query field "mee" on type "Query". [Suggestion hidden]?']);
    // The authority sees the whole graph: there the near miss has a (masked) suggestion.
    const authority = await t.gql(t.as('dev-authority'), '{ colorCount { total } }');
    expect(authority.errors!.map((e) => e.message)).toEqual(['Cannot query field "colorCount" on type "Query". [Suggestion hidden]?']);
  });

  it('lets each audience run its own fields and the authority everything', async () => {
    expect((await t.gql(t.as('dev-dashboard'), '{ colorCounts(level: PROVINCE) { regionCode } }')).errors).toBeUndefined();
    expect((await t.gql(t.as('dev-authority'), '{ colorCounts(level: PROVINCE) { regionCode } }')).errors).toBeUndefined();
    const dashboardPerson = await t.gql(t.as('dev-dashboard'), '{ me { id } }');
    expect(seen(dashboardPerson).errors).toEqual([{ message: 'Cannot query field "me" on type "Query".', code: 'GRAPHQL_VALIDATION_FAILED', locations: [{ line: 1, column: 3 }] }]);
  });


  it("describes the caller's contract, not the whole graph", async () => {
    const query = '{ __schema { queryType { fields { name } } mutationType { name } } __type(name: "RegionColorCount") { name } }';
    type Introspected = { __schema: { queryType: { fields: { name: string }[] }; mutationType: { name: string } | null }; __type: { name: string } | null };
    const dashboard = await t.gql<Introspected>(t.as('dev-dashboard'), query);
    expect(dashboard.data!.__schema.queryType.fields.map((f) => f.name).sort()).toEqual(['colorCounts', 'declarationsPerDay', 'designationReport', 'placeCheckInsPerHour', 'retentionPolicy', 'scansPerCheckpoint']);
    expect(dashboard.data!.__schema.mutationType).toBeNull();
    const channel = await t.gql<Introspected>(t.as('dev-channel-alipay', 'introspecting-user'), query);
    expect(channel.data!.__schema.queryType.fields.map((f) => f.name).sort()).toEqual(['channels', 'me', 'person', 'retentionPolicy']);
    expect(channel.data!.__type).toBeNull();
    const authority = await t.gql<Introspected>(t.as('dev-authority'), query);
    expect(authority.data!.__schema.queryType.fields.length).toBeGreaterThan(10);
    expect(authority.data!.__type).toEqual({ name: 'RegionColorCount' });
  });
});
