import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSigningKey } from '../../common/platform/config.js';
import { KeyRing } from '../../common/platform/keys.js';
import { createLogger } from '../../common/platform/logger.js';
import { HealthStatusRepository } from '../../subgraphs/health-status/db/repository.js';
import { PlaceVisitPurge } from '../../subgraphs/health-status/modules/places/purge.js';
import { ADD_DEPENDENT, dependentInput, residentId } from '../factories/people.js';
import { newResident, type Resident } from '../helpers/people.js';
import { startTestStack, TestClock, type GqlResult, type TestStack } from '../helpers/stack.js';

const REGISTER_PLACE = 'mutation($i: RegisterPlaceInput!) { registerPlace(input: $i) { place { id name county kind } token qrPath expiresAt } }';
const CHECK_IN = 'mutation CheckIn($token: String!, $personId: ID) { checkInAtPlace(token: $token, personId: $personId) { id at color place { name } person { id } } }';
const DESIGNATE_WINDOW =
  'mutation($i: DesignatePlaceWindowInput!) { designatePlaceWindow(input: $i) { designated window { id from to basisKind basisReference designated place { name } } } }';
const TRACE = 'query TracePlace($p: ID!, $f: DateTime!, $t: DateTime!) { placeVisits(placeId: $p, from: $f, to: $t) { edges { node { at color person { id } } } pageInfo { hasNextPage } } }';
const CODE = '{ me { healthCode { color reasons { code source } } } }';

type CheckIn = { id: string; at: string; color: string; place: { name: string }; person: { id: string } };
type Registered = { place: { id: string; name: string; county: string; kind: string }; token: string; qrPath: string; expiresAt: string };

/**
 * Issue 25 item 2, place codes (场所码), through the gateway: a place's signed code, a resident's
 * check-in for themself and a dependent, forged and mistyped tokens refused, a designated window
 * turning exactly its visitors yellow, the audited tracing read in each visitor's access log, the
 * hourly counts, and the purge of visits past the tracing window. One stack for the file.
 */
describe('place codes through the gateway', () => {
  let t: TestStack;
  const clock = new TestClock(Date.parse('2026-11-21T09:00:00+08:00'));
  const authority = () => t.as('dev-authority');
  let market: Registered;
  let shop: Registered;

  const register = async (i: Record<string, unknown>) => {
    const res = await t.gql<{ registerPlace: Registered }>(t.as('dev-admin'), REGISTER_PLACE, { i });
    expect(res.errors).toBeUndefined();
    return res.data!.registerPlace;
  };
  const checkIn = (r: Resident, token: string, personId?: string): Promise<GqlResult<{ checkInAtPlace: CheckIn }>> => t.gql(r.caller, CHECK_IN, { token, personId });
  const at = (iso: string) => clock.set(iso);

  beforeAll(async () => {
    t = await startTestStack({}, { clock });
    market = await register({ name: '东盟商贸城农贸市场', county: '450103', kind: 'MARKET' });
    shop = await register({ name: '凤岭便利店', county: '450103', kind: 'SHOP' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('signs a printable place code with its own token type, verifiable with the published keys', async () => {
    expect(market.place).toMatchObject({ name: '东盟商贸城农贸市场', county: '450103', kind: 'MARKET' });
    expect(decodeProtectedHeader(market.token)).toMatchObject({ typ: 'hc-place+jwt', alg: 'EdDSA' });
    expect(decodeJwt(market.token)).toMatchObject({ sub: market.place.id, iss: '450000', name: '东盟商贸城农贸市场', county: '450103', kind: 'MARKET' });
    expect(market.qrPath).toBe(`/h5/#place=${market.token}`);
    // An offline reader checks it with the JWKS the gateway publishes, as it checks a code.
    const jwks = (await (await fetch(new URL('/.well-known/jwks.json', t.stack.gateway.url))).json()) as JSONWebKeySet;
    const verified = await jwtVerify(market.token, createLocalJWKSet(jwks), { issuer: '450000', typ: 'hc-place+jwt', algorithms: ['EdDSA'], currentDate: clock.now() });
    expect(verified.payload.sub).toBe(market.place.id);

    const bad = await t.gql(t.as('dev-admin'), REGISTER_PLACE, { i: { name: '某店', county: '450100', kind: 'SHOP' } });
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BAD_COUNTY' });
    const resident = await newResident(t);
    const refused = await t.gql(resident.caller, REGISTER_PLACE, { i: { name: '某店', county: '450103', kind: 'SHOP' } });
    expect(refused.errors![0]!.extensions!.code).toMatch(/FORBIDDEN|GRAPHQL_VALIDATION_FAILED/);
  });

  it('checks a resident in and answers the card: their colour and the place', async () => {
    at('2026-11-21T09:00:00+08:00');
    const r = await newResident(t);
    const res = await checkIn(r, market.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.checkInAtPlace).toMatchObject({ color: 'GREEN', place: { name: '东盟商贸城农贸市场' }, person: { id: r.id }, at: '2026-11-21T09:00:00.000+08:00' });
    const mine = await t.gql<{ me: { placeVisits: { place: { name: string }; color: string; person: unknown }[] } }>(
      r.caller,
      'query($f: DateTime!, $t: DateTime!) { me { placeVisits(from: $f, to: $t) { place { name } color person { id } } } }',
      { f: '2026-11-21T00:00:00+08:00', t: '2026-11-22T00:00:00+08:00' },
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.me.placeVisits).toEqual([{ place: { name: '东盟商贸城农贸市场' }, color: 'GREEN', person: null }]);
  });

  it("checks in a dependent the caller holds, and refuses someone else's person", async () => {
    const guardian = await newResident(t);
    const added = await t.gql<{ addDependent: { dependent: { id: string } } }>(guardian.caller, ADD_DEPENDENT, { input: dependentInput({ documentNumber: residentId({ birthDate: '1940-02-02' }) }) });
    expect(added.errors).toBeUndefined();
    const grandpa = added.data!.addDependent.dependent.id;
    const res = await checkIn(guardian, shop.token, grandpa);
    expect(res.errors).toBeUndefined();
    expect(res.data!.checkInAtPlace).toMatchObject({ person: { id: grandpa }, place: { name: '凤岭便利店' }, color: 'GREEN' });
    const stranger = await newResident(t);
    const refused = await checkIn(stranger, shop.token, grandpa);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWN_PERSON' });
  });

  it('refuses an altered, a foreign-signed, a code token and a garbage token as a place code, recording nothing', async () => {
    const r = await newResident(t);
    const [h, p, s] = market.token.split('.');
    const sig = Buffer.from(s!, 'base64url');
    sig[0]! ^= 0x01;
    const altered = `${h}.${p}.${sig.toString('base64url')}`;
    // The payload changed to another place, the signature kept: a forgery.
    const claims = decodeJwt(market.token);
    const swapped = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: shop.place.id })).toString('base64url')}.${s}`;
    const stranger = await KeyRing.from([newSigningKey()]);
    const foreign = (await stranger.sign({ sub: market.place.id }, { issuer: '450000', ttlSeconds: 600, typ: 'hc-place+jwt', now: clock.now() })).token;
    const code = (await t.gql<{ me: { healthCode: { token: string } } }>(r.caller, '{ me { healthCode { token } } }')).data!.me.healthCode.token;
    const cases: [string, string][] = [
      [altered, 'BAD_SIGNATURE'],
      [swapped, 'BAD_SIGNATURE'],
      [foreign, 'UNKNOWN_KEY'],
      [code, 'WRONG_TOKEN_TYPE'],
      ['not.a.token', 'MALFORMED'],
    ];
    for (const [token, reason] of cases) {
      const res = await checkIn(r, token);
      expect(res.errors![0]!.extensions, reason).toMatchObject({ code: 'BAD_USER_INPUT', reason });
    }
    const mine = await t.gql<{ me: { placeVisits: unknown[] } }>(r.caller, 'query($f: DateTime!, $t: DateTime!) { me { placeVisits(from: $f, to: $t) { at } } }', {
      f: '2026-11-01T00:00:00+08:00',
      t: '2026-11-30T00:00:00+08:00',
    });
    expect(mine.data!.me.placeVisits).toEqual([]);
  });

  it("designates a place window: exactly its visitors turn YELLOW (Y_KEY_AREA from the place), once; the tracing read reaches each visitor's access log", async () => {
    const place = await register({ name: '青秀万达广场', county: '450103', kind: 'PUBLIC_VENUE' });
    const [inside, before, elsewhere, guardian, bystander] = await Promise.all([newResident(t), newResident(t), newResident(t), newResident(t), newResident(t)]);
    const added = await t.gql<{ addDependent: { dependent: { id: string } } }>(guardian.caller, ADD_DEPENDENT, { input: dependentInput({ documentNumber: residentId({ birthDate: '2016-05-05' }) }) });
    const child = added.data!.addDependent.dependent.id;
    at('2026-11-21T13:50:00+08:00');
    expect((await checkIn(before, place.token)).errors).toBeUndefined();
    at('2026-11-21T14:05:00+08:00');
    expect((await checkIn(inside, place.token)).errors).toBeUndefined();
    at('2026-11-21T14:10:00+08:00');
    expect((await checkIn(guardian, place.token, child)).errors).toBeUndefined();
    expect((await checkIn(elsewhere, shop.token)).errors).toBeUndefined();
    at('2026-11-21T14:20:00+08:00');
    // Twice in the window: still one designation.
    expect((await checkIn(inside, place.token)).errors).toBeUndefined();
    at('2026-11-21T17:00:00+08:00');

    const input = { placeId: place.place.id, from: '2026-11-21T14:00:00+08:00', to: '2026-11-21T15:00:00+08:00', basis: { kind: 'EPIDEMIOLOGICAL_REPORT', reference: '南疾控流调〔2026〕118号' } };
    const first = await t.gql<{ designatePlaceWindow: { designated: number; window: { id: string; basisKind: string; basisReference: string; designated: number } } }>(authority(), DESIGNATE_WINDOW, { i: input });
    expect(first.errors).toBeUndefined();
    expect(first.data!.designatePlaceWindow).toMatchObject({ designated: 2, window: { basisKind: 'EPIDEMIOLOGICAL_REPORT', basisReference: '南疾控流调〔2026〕118号', designated: 2 } });
    const again = await t.gql<{ designatePlaceWindow: { designated: number; window: { id: string; designated: number } } }>(authority(), DESIGNATE_WINDOW, { i: input });
    expect(again.data!.designatePlaceWindow).toMatchObject({ designated: 0, window: { id: first.data!.designatePlaceWindow.window.id, designated: 2 } });

    const source = `PLACE:${place.place.id}`;
    const colourOf = async (r: Resident) => (await t.gql<{ me: { healthCode: { color: string; reasons: { code: string; source: string }[] } } }>(r.caller, CODE)).data!.me.healthCode;
    expect(await colourOf(inside)).toEqual({ color: 'YELLOW', reasons: [{ code: 'Y_KEY_AREA', source }] });
    for (const r of [before, elsewhere, guardian, bystander]) expect(await colourOf(r)).toEqual({ color: 'GREEN', reasons: [] });
    const household = await t.gql<{ me: { dependents: { id: string; healthCode: { color: string; reasons: { code: string; source: string }[] } }[] } }>(
      guardian.caller,
      '{ me { dependents { id healthCode { color reasons { code source } } } } }',
    );
    expect(household.data!.me.dependents).toEqual([{ id: child, healthCode: { color: 'YELLOW', reasons: [{ code: 'Y_KEY_AREA', source }] } }]);
    const designations = await t.gql<{ person: { riskDesignations: { kind: string; since: string; source: string; note: string }[] } }>(
      authority(),
      'query($id: ID!) { person(id: $id) { riskDesignations { kind since source note } } }',
      { id: inside.id },
    );
    expect(designations.data!.person.riskDesignations).toEqual([{ kind: 'KEY_AREA', since: '2026-11-21T14:00:00.000+08:00', source, note: '场所 青秀万达广场 2026-11-21 14:00–2026-11-21 15:00 (UTC+8)' }]);

    // Bad input changes nothing.
    const noBasis = await t.gql(authority(), DESIGNATE_WINDOW, { i: { ...input, from: '2026-11-21T13:00:00+08:00', basis: { kind: 'EPIDEMIOLOGICAL_REPORT', reference: ' ' } } });
    expect(noBasis.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BAD_BASIS' });
    const future = await t.gql(authority(), DESIGNATE_WINDOW, { i: { ...input, from: '2026-11-21T13:00:00+08:00', to: '2026-11-21T18:00:00+08:00' } });
    expect(future.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BAD_WINDOW' });
    expect(await colourOf(before)).toEqual({ color: 'GREEN', reasons: [] });

    // The authority's tracing read: the window's visits, and one access-log entry for each visitor.
    const trace = await t.gql<{ placeVisits: { edges: { node: { at: string; person: { id: string } } }[] } }>(authority(), TRACE, { p: place.place.id, f: input.from, t: input.to });
    expect(trace.errors).toBeUndefined();
    expect(trace.data!.placeVisits.edges.map((e) => e.node.person.id)).toEqual([inside.id, child, inside.id]);
    const logOf = async (caller: Resident['caller'], personId?: string) => {
      const q = personId
        ? await t.gql<{ person: { accessLog: { edges: { node: { action: string; operation: string | null; role: string } }[] } } }>(caller, 'query($id: ID!) { person(id: $id) { accessLog { edges { node { role action operation } } } } }', { id: personId })
        : await t.gql<{ me: { accessLog: { edges: { node: { action: string; operation: string | null; role: string } }[] } } }>(caller, '{ me { accessLog { edges { node { role action operation } } } } }');
      expect(q.errors).toBeUndefined();
      return ('person' in q.data! ? q.data.person : q.data!.me).accessLog.edges.map((e) => `${e.node.role} ${e.node.action} ${e.node.operation}`);
    };
    expect(await logOf(inside.caller)).toContain('authority READ_PERSON TracePlace');
    expect(await logOf(inside.caller)).toContain('authority DESIGNATE_RISK null');
    expect(await logOf(guardian.caller, child)).toContain('authority READ_PERSON TracePlace');
    expect(await logOf(before.caller)).not.toContain('authority READ_PERSON TracePlace');
    // Only the authority reads a place's visits.
    const denied = await t.gql(t.as('dev-dashboard'), TRACE, { p: place.place.id, f: input.from, t: input.to });
    expect(denied.errors![0]!.extensions!.code).toMatch(/FORBIDDEN|GRAPHQL_VALIDATION_FAILED/);
  });

  it('counts check-ins per place and hour on the dashboard from counters, hiding counts from 1 to 4', async () => {
    const place = await register({ name: '南宁东站候车厅', county: '450103', kind: 'TRANSPORT' });
    at('2026-11-21T18:10:00+08:00');
    for (let i = 0; i < 5; i++) expect((await checkIn(await newResident(t), place.token)).errors).toBeUndefined();
    at('2026-11-21T19:10:00+08:00');
    expect((await checkIn(await newResident(t), place.token)).errors).toBeUndefined();
    const res = await t.gql<{ placeCheckInsPerHour: { place: { id: string }; hour: string; checkIns: number | null; hidden: { field: string; reason: string }[] }[] }>(
      t.as('dev-dashboard'),
      'query($f: DateTime!, $t: DateTime!) { placeCheckInsPerHour(from: $f, to: $t) { place { id } hour checkIns hidden { field reason } } }',
      { f: '2026-11-21T18:00:00+08:00', t: '2026-11-21T20:00:00+08:00' },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.placeCheckInsPerHour.filter((r) => r.place.id === place.place.id)).toEqual([
      { place: { id: place.place.id }, hour: '2026-11-21T18:00:00.000+08:00', checkIns: 5, hidden: [] },
      { place: { id: place.place.id }, hour: '2026-11-21T19:00:00.000+08:00', checkIns: null, hidden: [{ field: 'checkIns', reason: 'SMALL_COUNT' }] },
    ]);
  });

  it('deletes visits older than the tracing window in the daily purge; the counters keep their numbers', async () => {
    const place = await register({ name: '邕江菜市场', county: '450103', kind: 'MARKET' });
    at('2026-11-21T20:10:00+08:00');
    const old = await Promise.all([newResident(t), newResident(t), newResident(t), newResident(t), newResident(t)]);
    for (const r of old) expect((await checkIn(r, place.token)).errors).toBeUndefined();
    at('2026-12-18T20:30:00+08:00');
    const recent = await newResident(t);
    expect((await checkIn(recent, place.token)).errors).toBeUndefined();

    // 29 days after the first visits: those are past the 28-day window, the recent one is not.
    at('2026-12-19T20:30:00+08:00');
    const purge = new PlaceVisitPurge(new HealthStatusRepository(t.stack.db['health-status'].db), clock.now, createLogger('silent'), t.config.placeVisitRetentionDays, 2);
    expect(await purge.runOnce()).toBeGreaterThanOrEqual(5);
    expect(await purge.runOnce()).toBe(0);
    const window = { p: place.place.id, f: '2026-11-21T20:00:00+08:00', t: '2026-12-19T20:00:00+08:00' };
    const trace = await t.gql<{ placeVisits: { edges: { node: { person: { id: string } } }[] } }>(authority(), TRACE, window);
    expect(trace.errors).toBeUndefined();
    expect(trace.data!.placeVisits.edges.map((e) => e.node.person.id)).toEqual([recent.id]);
    const counted = await t.gql<{ placeCheckInsPerHour: { place: { id: string }; checkIns: number | null }[] }>(
      t.as('dev-dashboard'),
      'query($f: DateTime!, $t: DateTime!) { placeCheckInsPerHour(from: $f, to: $t) { place { id } checkIns } }',
      { f: '2026-11-21T20:00:00+08:00', t: '2026-11-21T21:00:00+08:00' },
    );
    expect(counted.data!.placeCheckInsPerHour.filter((r) => r.place.id === place.place.id)).toEqual([{ place: { id: place.place.id }, checkIns: 5 }]);
  });
});
