import { and, eq, gt } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPERGRAPH_FILE } from '../../scripts/supergraph.js';
import { DEMO_CHECKPOINT_ID } from '../../scripts/seed.js';
import { auditLog as declarationsAudit } from '../../subgraphs/declarations/db/tables.js';
import { auditLog as healthStatusAudit } from '../../subgraphs/health-status/db/tables.js';
import { auditLog as identityAudit } from '../../subgraphs/identity/db/tables.js';
import { ADD_DEPENDENT, SUBMIT, dependentInput, residentId } from '../factories/people.js';
import { newResident, type Resident } from '../helpers/people.js';
import { pathsToPerson } from '../helpers/paths.js';
import { startTestStack, TestClock, type TestStack } from '../helpers/stack.js';
import { designateApproved } from '../helpers/designations.js';

const VERIFY = 'mutation($input: VerifyCodeInput!) { verifyCode(input: $input) { pass person { id maskedName displayName } } }';
type Verified = { verifyCode: { pass: boolean; person: { id: string; maskedName: string; displayName: string } | null } };
/** What the authority reads of the person at the end of a path: one field owned by each subgraph. */
const PERSON_FIELDS = 'id displayName healthCode { color } todayDeclaration { version }';

describe('privacy: what checkpoints and the authority see of a person', () => {
  let t: TestStack;
  const clock = new TestClock(Date.parse('2026-12-01T10:00:00+08:00'));
  const scan = async (token: string) => (await t.gql<Verified>(t.as('dev-checkpoint'), VERIFY, { input: { token, temperature: 36.4 } })).data!.verifyCode;

  beforeAll(async () => {
    t = await startTestStack({}, { clock });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("never shows a checkpoint a stable id: a dependent's phone code and paper code are not linkable, nor two scans", async () => {
    const guardian = await newResident(t);
    const added = await t.gql<{ addDependent: { dependent: { id: string } } }>(guardian.caller, ADD_DEPENDENT, { input: dependentInput({ name: '陈秀英', documentNumber: residentId({ birthDate: '1950-08-12' }) }) });
    const grandma = added.data!.addDependent.dependent.id;
    const phone = (await t.gql<{ me: { dependents: { healthCode: { token: string } }[] } }>(guardian.caller, '{ me { dependents { healthCode { token } } } }')).data!.me.dependents[0]!.healthCode.token;
    const paper = (await t.gql<{ issuePaperCode: { token: string } }>(guardian.caller, 'mutation($id: ID!) { issuePaperCode(personId: $id) { token } }', { id: grandma })).data!.issuePaperCode.token;

    const [a, b, c] = [await scan(phone), await scan(paper), await scan(phone)];
    for (const v of [a, b, c]) expect(v).toMatchObject({ pass: true, person: { maskedName: '陈**', displayName: '陈**' } });
    const ids = [a, b, c].map((v) => v.person!.id);
    expect(new Set(ids).size).toBe(3);
    expect(ids).not.toContain(grandma);
    for (const id of ids) expect(id).not.toContain(grandma);
    // Nor do the tokens themselves carry the person id.
    expect([decodeJwt(phone).sub, decodeJwt(paper).sub]).not.toContain(grandma);
  });

  it('gives a checkpoint no path to a Person at all, in queries or mutations', () => {
    expect(pathsToPerson(SUPERGRAPH_FILE, 'checkpoint', 'Query')).toEqual([]);
    expect(pathsToPerson(SUPERGRAPH_FILE, 'checkpoint', 'Mutation')).toEqual([]);
  });

  describe('every authority path from Query to Person is audited in every subgraph it reads', () => {
    let r: Resident;
    let documentNumber = '';
    let placeId = '';
    const from = '2026-12-01T00:00:00+08:00';
    const to = '2026-12-02T00:00:00+08:00';
    /** One query per path the supergraph offers the authority; the path test below keeps this table complete. */
    const QUERIES: Record<string, () => [string, Record<string, unknown>]> = {
      person: () => [`query($id: ID!) { person(id: $id) { ${PERSON_FIELDS} } }`, { id: r.id }],
      personByDocument: () => [`query($n: String!) { personByDocument(number: $n) { ${PERSON_FIELDS} } }`, { n: documentNumber }],
      'scans.edges.node.person': () => [
        `query($c: ID!, $f: DateTime!, $t: DateTime!) { scans(checkpointId: $c, from: $f, to: $t, first: 10) { edges { node { at person { ${PERSON_FIELDS} } } } } }`,
        { c: DEMO_CHECKPOINT_ID, f: from, t: to },
      ],
      'appeals.edges.node.person': () => [`{ appeals(first: 10) { edges { node { statement person { ${PERSON_FIELDS} } } } } }`, {}],
      'placeVisits.edges.node.person': () => [
        `query($p: ID!, $f: DateTime!, $t: DateTime!) { placeVisits(placeId: $p, from: $f, to: $t) { edges { node { at person { ${PERSON_FIELDS} } } } } }`,
        { p: placeId, f: from, t: to },
      ],
    };

    beforeAll(async () => {
      documentNumber = residentId();
      r = await newResident(t, 'dev-channel-wechat-zzg', { documentNumber });
      await t.gql(r.caller, SUBMIT, { input: { temperature: 36.5 } });
      const token = (await t.gql<{ me: { healthCode: { token: string } } }>(r.caller, '{ me { healthCode { token } } }')).data!.me.healthCode.token;
      await scan(token);
      const designated = await designateApproved(t, 'mutation($input: DesignateRiskInput!) { designateRisk(input: $input) { designation { id } } }', {
        input: { personId: r.id, kind: 'KEY_AREA', since: '2026-11-30T10:00:00+08:00' },
      });
      expect(designated.errors).toBeUndefined();
      const appeal = await t.gql(r.caller, 'mutation($input: FileAppealInput!) { fileAppeal(input: $input) { id } }', { input: { personId: r.id, reasonCode: 'Y_KEY_AREA', statement: '我没有去过重点地区' } });
      expect(appeal.errors).toBeUndefined();
      const place = await t.gql<{ registerPlace: { place: { id: string }; token: string } }>(t.as('dev-admin'), 'mutation { registerPlace(input: { name: "南湖公园", county: "450103", kind: PUBLIC_VENUE }) { place { id } token } }');
      expect(place.errors).toBeUndefined();
      placeId = place.data!.registerPlace.place.id;
      expect((await t.gql(r.caller, 'mutation($t: String!) { checkInAtPlace(token: $t) { id } }', { t: place.data!.registerPlace.token })).errors).toBeUndefined();
    });

    it('knows every path (a new path to Person fails here until it is added and audited)', () => {
      expect(pathsToPerson(SUPERGRAPH_FILE, 'authority')).toEqual(Object.keys(QUERIES).sort());
    });

    /** Runs a query as the authority; answers, per subgraph, whether it wrote an audit row about `r`. */
    async function auditedBy(query: string, variables: Record<string, unknown>): Promise<Record<string, boolean>> {
      const audits = [
        ['identity', t.stack.db.identity.db, identityAudit],
        ['health-status', t.stack.db['health-status'].db, healthStatusAudit],
        ['declarations', t.stack.db.declarations.db, declarationsAudit],
      ] as const;
      const since = await Promise.all(audits.map(async ([, db, table]) => (await db.select({ id: table.id }).from(table)).at(-1)?.id ?? 0));
      const res = await t.gql(t.as('dev-authority'), query, variables);
      expect(res.errors).toBeUndefined();
      // The walk reached the person (no vacuous pass): their full name, as the authority sees it.
      expect(JSON.stringify(res.data)).toContain('"displayName":"李明"');
      const found = await Promise.all(
        audits.map(async ([name, db, table], i) => {
          const rows = await db
            .select({ action: table.action })
            .from(table)
            .where(and(gt(table.id, since[i]!), eq(table.personId, r.id), eq(table.principalKind, 'authority')));
          return [name, rows.length > 0] as const;
        }),
      );
      return Object.fromEntries(found);
    }

    it.each(Object.keys(QUERIES))('%s: an audit row in identity, health-status and declarations', async (path) => {
      const [query, variables] = QUERIES[path]!();
      expect(await auditedBy(query, variables)).toEqual({ identity: true, 'health-status': true, declarations: true });
    });

    it.each([
      ['scans { … person { displayName } }', () => [`query($c: ID!, $f: DateTime!, $t: DateTime!) { scans(checkpointId: $c, from: $f, to: $t, first: 10) { edges { node { person { displayName } } } } }`, { c: DEMO_CHECKPOINT_ID, f: from, t: to }]],
      ['appeals { person { displayName } statement }', () => [`{ appeals(first: 10) { edges { node { person { displayName } statement } } } }`, {}]],
    ] as [string, () => [string, Record<string, unknown>]][])("the probe's %s: audited where the name lives and where the rows live", async (_what, make) => {
      const [query, variables] = make();
      expect(await auditedBy(query, variables)).toEqual({ identity: true, 'health-status': true, declarations: false });
    });
  });
});
