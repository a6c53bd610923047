import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { Kind, parse, type ConstDirectiveNode, type ConstValueNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../common/platform/db.js';
import { PRINCIPAL_KINDS } from '../../common/domain/principal.js';
import { issueApiKey } from '../../scripts/api-keys.js';
import { DEMO_CHECKPOINT_ID, DEMO_EMPLOYER } from '../../scripts/seed.js';
import { SUBMIT, dependentInput, residentId } from '../factories/people.js';
import { REGISTER_PARTNER, SimulatedPartner } from '../helpers/partner.js';
import { newResident, type Resident } from '../helpers/people.js';
import { startTestStack, type Caller, type GqlResult, type TestStack } from '../helpers/stack.js';

/**
 * The walk (issue 15, item 4): every read of a person's data by someone other than the person and
 * their guardians leaves an audit row, and so an entry in the person's access log. Generated from
 * the supergraph, so fields added later are walked without a change here:
 * - every `Person` field a non-channel principal may select (its `@requiresScopes`), read through
 *   each root field that hands such a principal a `Person`, must leave a row in the subgraph that
 *   owns the field (the root's own row does not count for another subgraph's field);
 * - every root field a non-channel principal may call is either walked (a recipe below: it must
 *   leave a row in the subgraph that answers it) or listed as not about one person, with why. A
 *   root field that is neither fails the test: add its recipe when you add the field.
 */

// ---------------------------------------------------------------- the supergraph, as data
const doc = parse(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'));
const types = new Map(doc.definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION).map((d) => [d.name.value, d]));
const graphNames = new Map<string, string>();
for (const d of doc.definitions) {
  if (d.kind !== Kind.ENUM_TYPE_DEFINITION || d.name.value !== 'join__Graph') continue;
  for (const v of d.values ?? []) graphNames.set(v.name.value, String(literal(arg(directive(v.directives, 'join__graph'), 'name'))));
}

function directive(list: readonly ConstDirectiveNode[] | undefined, name: string): ConstDirectiveNode | undefined {
  return list?.find((d) => d.name.value === name);
}
function arg(d: ConstDirectiveNode | undefined, name: string): ConstValueNode | undefined {
  return d?.arguments?.find((a) => a.name.value === name)?.value;
}
function literal(v: ConstValueNode | undefined): unknown {
  if (!v) return undefined;
  if (v.kind === Kind.LIST) return v.values.map(literal);
  if (v.kind === Kind.STRING || v.kind === Kind.ENUM) return v.value;
  return undefined;
}
const named = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : named(t.type));

/** The subgraph answering a field: its one `@join__field(graph:)` that is not `external: true` (an `@external` field is not owned there), else its type's one graph. */
function ownerOf(typeName: string, f: FieldDefinitionNode): string {
  const graphs = (f.directives ?? [])
    .filter((d) => d.name.value === 'join__field')
    .filter((d) => { const ext = arg(d, 'external'); return !(ext?.kind === Kind.BOOLEAN && ext.value); })
    .map((d) => literal(arg(d, 'graph')) as string);
  const own = graphs.length === 1 ? graphs : (types.get(typeName)!.directives ?? []).filter((d) => d.name.value === 'join__type').map((d) => literal(arg(d, 'graph')) as string);
  if (own.length !== 1) throw new Error(`${typeName}.${f.name.value} has no single owner`);
  return graphNames.get(own[0]!)!;
}

/** Principal kinds a field admits, from `@requiresScopes` (the kind is each alternative's first scope); null: whoever reached it. */
function kindsOf(f: FieldDefinitionNode): string[] | null {
  const scopes = literal(arg(directive(f.directives, 'requiresScopes'), 'scopes')) as string[][] | undefined;
  if (scopes) return scopes.map((alt) => alt.find((s) => (PRINCIPAL_KINDS as readonly string[]).includes(s))).filter((k): k is string => !!k);
  return directive(f.directives, 'authenticated') ? [...PRINCIPAL_KINDS] : null;
}

const NON_CHANNEL = PRINCIPAL_KINDS.filter((k) => k !== 'channel');
const rootFields = (['Query', 'Mutation'] as const).flatMap((op) => (types.get(op)!.fields ?? []).map((f) => ({ op, f, owner: ownerOf(op, f), kinds: kindsOf(f) ?? [] })));
const othersMayCall = rootFields.filter((r) => r.kinds.some((k) => NON_CHANNEL.includes(k as (typeof NON_CHANNEL)[number])));

/** Root fields a non-channel principal may call that read or act on no one person, and why. */
const NOT_ABOUT_ONE_PERSON: Record<string, string> = {
  declarationsPerDay: 'aggregate counts, small counts suppressed',
  colorCounts: 'aggregate counts, small counts suppressed',
  scansPerCheckpoint: 'aggregate counts per checkpoint',
  checkpoints: 'the checkpoint registry',
  registerCheckpoint: 'the checkpoint registry',
  myCheckpoint: 'the calling checkpoint itself',
  channels: 'the channel registry',
  partners: 'the partner registry',
  trustList: "partners' public keys",
  registerPartner: 'the partner registry',
  rotatePartnerKeys: 'the partner registry',
  suspendPartner: 'the partner registry',
  reinstatePartner: 'the partner registry',
  verifyForeignCode: "another province's token: no person of ours is read",
  channelApplications: 'the channel registry: applications from channel operators',
  channelUsage: "a channel's traffic counts",
  applyForChannel: 'the channel registry',
  approveChannelApplication: 'the channel registry',
  rejectChannelApplication: 'the channel registry',
  rotateChannelKey: 'the channel registry',
  suspendChannel: 'the channel registry',
  reinstateChannel: 'the channel registry',
  registerEmployer: 'the employer registry',
  importLegacyRecords: "an operator's bulk import of a legacy vendor's records: it writes, reads back no one person's data (test/e2e/legacy-import.test.ts)",
  legacyConflicts: "the operator's queue of import conflicts: a masked document number and a person id, no person's data",
  returnToWorkSummary: "an employer's aggregate counts, small counts suppressed",
  placeCheckInsPerHour: 'aggregate check-ins per place and hour, small counts suppressed',
  registerPlace: 'the place registry',
  designationAlerts: "supervisors' alerts on unusual designating: an officer and a count, no person",
  designationReport: 'the public transparency report: counters by day, kind, basis and commission, small counts suppressed',
  retentionPolicy: 'the data retention policy: kinds of data and their days, the same for everyone',
};

// ---------------------------------------------------------------- the stack and a resident
let t: TestStack;
let r: Resident;
let document: string;
let partner: SimulatedPartner;
const authority = () => t.as('dev-authority');

const opName = (prefix: string) => `${prefix}_${randomUUID().slice(0, 8)}`;
async function auditedBy(owner: string, personId: string, operation: string): Promise<string[]> {
  const found = await rows<{ action: string }>(
    t.stack.db[owner as 'identity'].db,
    sql`select action from ${sql.identifier(owner.replace('-', '_'))}.audit_log where person_id = ${personId} and detail->>'operation' = ${operation}`,
  );
  return found.map((f) => f.action);
}
async function loggedOperations(caller: Caller, personId: string): Promise<Set<string>> {
  const ops = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const res: GqlResult<{ person: { accessLog: { edges: { node: { operation: string | null } }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } } }> = await t.gql(
      caller,
      'query($id: ID!, $after: String) { person(id: $id) { accessLog(first: 100, after: $after) { edges { node { operation } } pageInfo { endCursor hasNextPage } } } }',
      { id: personId, after },
    );
    const log = res.data!.person.accessLog;
    for (const e of log.edges) if (e.node.operation) ops.add(e.node.operation);
    if (!log.pageInfo.hasNextPage) return ops;
    after = log.pageInfo.endCursor;
  }
}

/** Values for a field's required arguments, by type (and, for time windows, by name). */
function argsFor(f: FieldDefinitionNode, personId: string): string {
  const now = t.clock.now().getTime();
  const parts = (f.arguments ?? [])
    .filter((a) => a.type.kind === Kind.NON_NULL_TYPE && !a.defaultValue)
    .map((a) => {
      const type = named(a.type);
      const value =
        type === 'DateTime' ? new Date(now + (/^(to|until|end)/.test(a.name.value) ? 1 : -1) * 864e5).toISOString() : type === 'Date' ? new Date(now).toISOString().slice(0, 10) : type === 'ID' ? personId : type === 'Int' ? 1 : 'x';
      return `${a.name.value}: ${JSON.stringify(value)}`;
    });
  return parts.length ? `(${parts.join(', ')})` : '';
}
const selectionOf = (f: FieldDefinitionNode) => (types.has(named(f.type)) ? ' { __typename }' : '');

// ---------------------------------------------------------------- root fields: recipes
interface Walked {
  query: (op: string) => string;
  /** Who calls it, when not the dev key of the field's first non-channel kind (a scope beyond the kind). */
  caller?: () => Caller;
  variables?: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** The person it acts on, when it cannot be resident `r`, and who reads that person's log (a guardian). */
  subject?: () => { personId: string; logReader: Caller };
}
const state: { token?: string; designationId?: string; appealId?: string; paperCodeId?: string; requests: string[]; hotlineRef?: string; hotlineAppealId?: string; gridRef?: string; identityToken?: string; counter?: Caller; placeId?: string; roadCheckpoint?: Caller; phoneless?: { personId: string; son: Resident; request: string } } = { requests: [] };
const TICKET = 'GX20200306000777';

/** In order: later recipes use what earlier ones made. Each reads or acts on resident `r`. */
const RECIPES: Record<string, Walked> = {
  person: { query: (op) => `query ${op}($id: ID!) { person(id: $id) { id } }`, variables: () => ({ id: r.id }) },
  personByDocument: { query: (op) => `query ${op}($n: String!) { personByDocument(number: $n) { id } }`, variables: () => ({ n: document }) },
  verifyCode: {
    query: (op) => `mutation ${op}($token: String!) { verifyCode(input: { token: $token, temperature: 36.5 }) { pass person { maskedName } } }`,
    variables: () => ({ token: state.token! }),
  },
  recordRoadCheck: {
    query: (op) => `mutation ${op}($i: RoadCheckInput!) { recordRoadCheck(input: $i) { people passengers { pass person { maskedName } } } }`,
    caller: () => state.roadCheckpoint!,
    variables: () => ({ i: { id: randomUUID(), passengers: [{ token: state.token!, scanId: randomUUID() }] } }),
  },
  scans: {
    query: (op) => `query ${op}($c: ID!, $f: DateTime!, $t: DateTime!) { scans(checkpointId: $c, from: $f, to: $t, first: 100) { edges { node { id } } } }`,
    variables: () => ({ c: DEMO_CHECKPOINT_ID, f: new Date(t.clock.now().getTime() - 864e5).toISOString(), t: new Date(t.clock.now().getTime() + 864e5).toISOString() }),
  },
  designateRisk: {
    query: (op) => `mutation ${op}($id: ID!, $since: DateTime!) { designateRisk(input: { personId: $id, kind: KEY_AREA, since: $since, basis: { kind: EPIDEMIOLOGICAL_REPORT, reference: "walk-1" } }) { designation { id } } }`,
    variables: () => ({ id: r.id, since: t.clock.now().toISOString() }),
  },
  designateRisks: {
    query: (op) => `mutation ${op}($n: String!, $since: DateTime!) { designateRisks(input: { kind: FEVER_CLINIC, since: $since, documents: [{ number: $n }], basis: { kind: DIAGNOSIS, reference: "walk-2" } }) { designated } }`,
    variables: () => ({ n: document, since: t.clock.now().toISOString() }),
  },
  // A second officer (another commission's key) makes the KEY_AREA designation take effect: the appeal below is against it.
  approveDesignation: {
    query: (op) => `mutation ${op}($d: ID!) { approveDesignation(designationId: $d) { approved } }`,
    caller: () => t.as('dev-authority-reviewer'),
    variables: () => ({ d: state.designationId! }),
  },
  appeals: { query: (op) => `query ${op} { appeals(first: 100) { edges { node { id } } } }` },
  decideAppeal: {
    query: (op) => `mutation ${op}($a: ID!) { decideAppeal(input: { appealId: $a, decision: REJECTED, note: "seen" }) { id } }`,
    variables: () => ({ a: state.appealId! }),
  },
  liftRisk: { query: (op) => `mutation ${op}($d: ID!) { liftRisk(designationId: $d) { designation { id } } }`, variables: () => ({ d: state.designationId! }) },
  issuePaperCode: { query: (op) => `mutation ${op}($id: ID!) { issuePaperCode(personId: $id) { id } }`, variables: () => ({ id: r.id }) },
  revokePaperCode: { query: (op) => `mutation ${op}($p: ID!) { revokePaperCode(id: $p) { id } }`, variables: () => ({ p: state.paperCodeId! }) },
  acceptGuardianshipRequest: { query: (op) => `mutation ${op}($q: ID!) { acceptGuardianshipRequest(id: $q) { person { id } } }`, variables: () => ({ q: state.requests[0]! }) },
  declineGuardianshipRequest: { query: (op) => `mutation ${op}($q: ID!) { declineGuardianshipRequest(id: $q) { id } }`, variables: () => ({ q: state.requests[1]! }) },
  requestResidentStatus: {
    query: (op) => `mutation ${op}($n: String!, $q: String!) { requestResidentStatus(input: { documentNumber: $n, purpose: FLIGHT, requestId: $q }) { color } }`,
    variables: () => ({ n: document, q: `gd-${randomUUID()}` }),
  },
  submitTravellerStatus: {
    query: (op) => `mutation ${op}($a: String!, $q: String!) { submitTravellerStatus(input: { attestation: $a, requestId: $q }) { outcome } }`,
    variables: async () => ({ a: await partner.traveller(document, 'YELLOW', { kind: 'KEY_AREA' }), q: `gd-${randomUUID()}` }),
  },
  staff: { query: (op) => `query ${op} { staff(first: 100) { edges { node { id maskedName color declaredToday } } } }` },
  hotlineCaller: {
    query: (op) => `query ${op}($n: String!, $t: String!) { hotlineCaller(input: { ticket: $t, documentNumber: $n, name: "李明" }) { id color reasons { code } } }`,
    variables: () => ({ n: document, t: TICKET }),
  },
  fileAppealForCaller: {
    query: (op) => `mutation ${op}($c: ID!, $d: ID) { fileAppealForCaller(input: { caller: $c, reasonCode: "Y_KEY_AREA", designationId: $d, statement: "来电人称未去过该地区" }) { id } }`,
    variables: () => ({ c: state.hotlineRef!, d: state.designationId! }),
  },
  addAppealNote: {
    query: (op) => `mutation ${op}($c: ID!, $a: ID!) { addAppealNote(input: { caller: $c, appealId: $a, note: "来电人补充" }) { id } }`,
    variables: () => ({ c: state.hotlineRef!, a: state.hotlineAppealId! }),
  },
  gridVisitPerson: {
    query: (op) => `query ${op}($n: String!) { gridVisitPerson(input: { documentNumber: $n, name: "李明" }) { id maskedName color } }`,
    variables: () => ({ n: document }),
    caller: () => t.as('dev-checkpoint-grid'),
  },
  recordGridVisit: {
    query: (op) => `mutation ${op}($s: ID!) { recordGridVisit(input: { subject: $s, temperature: 36.5 }) { color person { maskedName color } } }`,
    variables: () => ({ s: state.gridRef! }),
    caller: () => t.as('dev-checkpoint-grid'),
  },
  // A grid worker confirms only for someone without a channel of their own, which `r` has.
  confirmGuardianshipOnGridVisit: {
    query: (op) => `mutation ${op}($r: ID!) { confirmGuardianshipOnGridVisit(request: $r) { guardianMaskedName person { maskedName } } }`,
    variables: () => ({ r: state.phoneless!.request }),
    caller: () => t.as('dev-checkpoint-grid'),
    subject: () => ({ personId: state.phoneless!.personId, logReader: state.phoneless!.son.caller }),
  },
  verifyIdentityCode: {
    query: (op) => `mutation ${op}($token: String!) { verifyIdentityCode(token: $token) { valid maskedName } }`,
    variables: () => ({ token: state.identityToken! }),
    caller: () => state.counter!,
  },
  placeVisits: {
    query: (op) => `query ${op}($p: ID!, $f: DateTime!, $t: DateTime!) { placeVisits(placeId: $p, from: $f, to: $t) { edges { node { at } } } }`,
    variables: () => ({ p: state.placeId!, f: new Date(t.clock.now().getTime() - 36e5).toISOString(), t: new Date(t.clock.now().getTime() + 36e5).toISOString() }),
  },
  designatePlaceWindow: {
    query: (op) => `mutation ${op}($i: DesignatePlaceWindowInput!) { designatePlaceWindow(input: $i) { designated } }`,
    variables: () => ({
      i: { placeId: state.placeId!, from: new Date(t.clock.now().getTime() - 36e5).toISOString(), to: new Date(t.clock.now().getTime() + 30_000).toISOString(), basis: { kind: 'EPIDEMIOLOGICAL_REPORT', reference: '流调〔2026〕1号' } },
    }),
  },
};
/** A caller of each kind the walk uses; a kind added later needs its caller here. */
async function callerOf(kind: string): Promise<Caller> {
  if (kind === 'authority') return authority();
  if (kind === 'checkpoint') return t.as('dev-checkpoint');
  if (kind === 'province') return { headers: { authorization: `Bearer ${await partner.jwt()}` } };
  if (kind === 'employer') return t.as('dev-employer');
  if (kind === 'hotline') return t.as('dev-hotline');
  throw new Error(`no caller of kind ${kind} in the walk yet`);
}

/** What each recipe needs made first (by the resident's own channel, or by a partner). */
async function prepare(field: string): Promise<void> {
  const ok = (res: { errors?: unknown }) => expect(res.errors, field).toBeUndefined();
  if (field === 'verifyCode') {
    const code = await t.gql<{ me: { healthCode: { token: string } } }>(r.caller, '{ me { healthCode { token } } }');
    state.token = code.data!.me.healthCode.token;
  }
  if (field === 'recordRoadCheck') {
    const reg = await t.gql<{ registerCheckpoint: { id: string } }>(t.as('dev-admin'), 'mutation($i: RegisterCheckpointInput!) { registerCheckpoint(input: $i) { id } }', {
      i: { name: '包茂高速苍梧出口', kind: 'ROAD_CHECKPOINT', region: '450421' },
    });
    ok(reg);
    state.roadCheckpoint = { headers: { 'x-api-key': (await issueApiKey(t.stack.db, 'checkpoint', reg.data!.registerCheckpoint.id, 'walk')).key } };
    const code = await t.gql<{ me: { healthCode: { token: string } } }>(r.caller, '{ me { healthCode { token } } }');
    state.token = code.data!.me.healthCode.token;
  }
  if (field === 'appeals') {
    const filed = await t.gql<{ fileAppeal: { id: string } }>(r.caller, 'mutation($input: FileAppealInput!) { fileAppeal(input: $input) { id } }', {
      input: { personId: r.id, reasonCode: 'Y_KEY_AREA', statement: '我没有去过疫区' },
    });
    ok(filed);
    state.appealId = filed.data!.fileAppeal.id;
  }
  if (field === 'approveDesignation') {
    const des = await t.gql<{ person: { riskDesignations: { id: string; kind: string; status: string }[] } }>(authority(), 'query($id: ID!) { person(id: $id) { riskDesignations { id kind status } } }', { id: r.id });
    ok(des);
    state.designationId = des.data!.person.riskDesignations.find((d) => d.kind === 'KEY_AREA' && d.status === 'PENDING_APPROVAL')!.id;
  }
  if (field === 'liftRisk') {
    const des = await t.gql<{ person: { riskDesignations: { id: string; kind: string }[] } }>(authority(), 'query($id: ID!) { person(id: $id) { riskDesignations { id kind } } }', { id: r.id });
    ok(des);
    state.designationId = des.data!.person.riskDesignations.find((d) => d.kind === 'FEVER_CLINIC')!.id;
  }
  if (field === 'revokePaperCode') {
    const codes = await t.gql<{ person: { paperCodes: { id: string }[] } }>(authority(), 'query($id: ID!) { person(id: $id) { paperCodes { id } } }', { id: r.id });
    ok(codes);
    state.paperCodeId = codes.data!.person.paperCodes[0]!.id;
  }
  if (field === 'staff') {
    ok(await t.gql(t.as('dev-admin'), 'mutation($input: RegisterEmployerInput!) { registerEmployer(input: $input) { created } }', { input: DEMO_EMPLOYER }));
    ok(await t.gql(r.caller, 'mutation($c: String!) { joinEmployer(creditCode: $c) { employer { creditCode } } }', { c: DEMO_EMPLOYER.creditCode }));
  }
  if (field === 'fileAppealForCaller') {
    const found = await t.gql<{ hotlineCaller: { id: string } }>(t.as('dev-hotline'), 'query($n: String!, $t: String!) { hotlineCaller(input: { ticket: $t, documentNumber: $n, name: "李明" }) { id } }', { n: document, t: TICKET });
    ok(found);
    state.hotlineRef = found.data!.hotlineCaller.id;
    // The partner's KEY_AREA designation: the resident's own appeal (above) was against the first one.
    const des = await t.gql<{ person: { riskDesignations: { id: string; kind: string }[] } }>(authority(), 'query($id: ID!) { person(id: $id) { riskDesignations { id kind } } }', { id: r.id });
    ok(des);
    state.designationId = des.data!.person.riskDesignations.filter((d) => d.kind === 'KEY_AREA').at(-1)!.id;
  }
  if (field === 'addAppealNote') {
    const mine = await t.gql<{ me: { appeals: { id: string; source: string }[] } }>(r.caller, '{ me { appeals { id source } } }');
    ok(mine);
    state.hotlineAppealId = mine.data!.me.appeals.find((a) => a.source === 'HOTLINE')!.id;
  }
  if (field === 'recordGridVisit') {
    const found = await t.gql<{ gridVisitPerson: { id: string } }>(t.as('dev-checkpoint-grid'), 'query($n: String!) { gridVisitPerson(input: { documentNumber: $n, name: "李明" }) { id } }', { n: document });
    ok(found);
    state.gridRef = found.data!.gridVisitPerson.id;
  }
  if (field === 'confirmGuardianshipOnGridVisit') {
    const son = await newResident(t, 'dev-channel-alipay', { name: '李强' });
    const documentNumber = residentId({ birthDate: '1975-02-02' });
    ok(await t.gql(son.caller, 'mutation($input: AddDependentInput!) { requestGuardianship(input: $input) { id } }', { input: dependentInput({ name: '李老汉', documentNumber, relation: 'PARENT' }) }));
    const found = await t.gql<{ gridVisitPerson: { pendingGuardianshipRequests: { id: string }[] } }>(t.as('dev-checkpoint-grid'), 'query($n: String!) { gridVisitPerson(input: { documentNumber: $n, name: "李老汉" }) { pendingGuardianshipRequests { id } } }', { n: documentNumber });
    ok(found);
    const person = await t.gql<{ personByDocument: { id: string } }>(authority(), 'query($n: String!) { personByDocument(number: $n) { id } }', { n: documentNumber });
    state.phoneless = { personId: person.data!.personByDocument.id, son, request: found.data!.gridVisitPerson.pendingGuardianshipRequests[0]!.id };
  }
  if (field === 'verifyIdentityCode') {
    // A service counter is a checkpoint whose key holds the `service-counter` scope (test/e2e/eid.test.ts).
    const issued = await issueApiKey(t.stack.db, 'checkpoint', DEMO_CHECKPOINT_ID, '市民中心政务大厅', ['service-counter']);
    state.counter = { key: issued.key };
    const code = await t.gql<{ me: { identityCode: { token: string } } }>(r.caller, '{ me { identityCode { token } } }');
    ok(code);
    state.identityToken = code.data!.me.identityCode.token;
  }
  if (field === 'placeVisits') {
    const place = await t.gql<{ registerPlace: { place: { id: string }; token: string } }>(t.as('dev-admin'), 'mutation { registerPlace(input: { name: "青秀区农贸市场", county: "450103", kind: MARKET }) { place { id } token } }');
    ok(place);
    state.placeId = place.data!.registerPlace.place.id;
    ok(await t.gql(r.caller, 'mutation($t: String!) { checkInAtPlace(token: $t) { id } }', { t: place.data!.registerPlace.token }));
  }
  if (field === 'acceptGuardianshipRequest') {
    for (const name of ['陈强', '陈刚']) {
      const asker = await newResident(t, 'dev-channel-alipay', { name });
      const asked = await t.gql<{ requestGuardianship: { id: string } }>(asker.caller, 'mutation($input: AddDependentInput!) { requestGuardianship(input: $input) { id } }', {
        input: dependentInput({ name: '李明', documentNumber: document, relation: 'SPOUSE' }),
      });
      ok(asked);
      state.requests.push(asked.data!.requestGuardianship.id);
    }
  }
}

describe('the walk: every read of a person by someone else is audited and logged', () => {
  beforeAll(async () => {
    t = await startTestStack();
    document = residentId();
    r = await newResident(t, 'dev-channel-wechat-zzg', { documentNumber: document });
    expect((await t.gql(r.caller, SUBMIT, { input: { temperature: 36.5 } })).errors).toBeUndefined();
    partner = await SimulatedPartner.create('440000');
    const registered = await t.gql(t.as('dev-admin'), REGISTER_PARTNER, { input: { code: '440000', name: '广东省', kind: 'PROVINCE', keys: partner.jwks, rights: ['REQUEST_STATUS', 'SEND_STATUS'] } });
    expect(registered.errors).toBeUndefined();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('classifies every root field a principal other than a channel may call', () => {
    const unclassified = othersMayCall.map((r) => r.f.name.value).filter((name) => !(name in RECIPES) && !(name in NOT_ABOUT_ONE_PERSON));
    expect(unclassified, 'add a recipe (or a reason) for each').toEqual([]);
    const both = Object.keys(RECIPES).filter((name) => name in NOT_ABOUT_ONE_PERSON);
    expect(both).toEqual([]);
    const stale = [...Object.keys(RECIPES), ...Object.keys(NOT_ABOUT_ONE_PERSON)].filter((name) => !othersMayCall.some((r) => r.f.name.value === name));
    expect(stale, 'recipes for fields that are gone or channel-only').toEqual([]);
  });

  it("walks every root field about a person: the answering subgraph audits it and the person's log shows it", async () => {
    const walked: { op: string; personId: string; logReader: Caller }[] = [];
    for (const [field, recipe] of Object.entries(RECIPES)) {
      const root = othersMayCall.find((x) => x.f.name.value === field)!;
      await prepare(field);
      const op = opName(`Walk_${field}`);
      const variables = (await recipe.variables?.()) ?? {};
      const caller = recipe.caller ? recipe.caller() : await callerOf(root.kinds.find((k) => k !== 'channel')!);
      const res = await t.gql(caller, recipe.query(op), variables);
      expect(res.errors, field).toBeUndefined();
      const subject = recipe.subject?.() ?? { personId: r.id, logReader: r.caller };
      expect(await auditedBy(root.owner, subject.personId, op), `${field}: an audit row in ${root.owner}`).not.toEqual([]);
      walked.push({ op, ...subject });
    }
    const missing: string[] = [];
    for (const personId of new Set(walked.map((w) => w.personId))) {
      const mine = walked.filter((w) => w.personId === personId);
      const logged = await loggedOperations(mine[0]!.logReader, personId);
      missing.push(...mine.filter((w) => !logged.has(w.op)).map((w) => w.op));
    }
    expect(missing, 'operations missing from the access log').toEqual([]);
  });

  it('walks every Person field each non-channel principal may select through every root field that hands it a Person', async () => {
    const personFields = (types.get('Person')!.fields ?? []).filter((f) => f.name.value !== 'id');
    const reachers = rootFields.filter((x) => named(x.f.type) === 'Person' && x.op === 'Query' && x.kinds.some((k) => k !== 'channel'));
    expect(reachers.map((x) => x.f.name.value).sort()).toEqual(['person', 'personByDocument']);
    const walked: string[] = [];
    const refused: string[] = [];
    // One root per principal kind is enough: a Person's fields resolve the same whichever root led there.
    const walkedKinds = new Set<string>();
    for (const root of reachers) {
      const rootArgs = root.f.name.value === 'person' ? `(id: "${r.id}")` : `(number: "${document}")`;
      for (const kind of root.kinds.filter((k) => k !== 'channel' && !walkedKinds.has(k))) {
        walkedKinds.add(kind);
        expect(kind, 'only the authority reaches a Person by a query today; add its caller here').toBe('authority');
        for (const f of personFields) {
          const kinds = kindsOf(f);
          if (kinds && !kinds.includes(kind)) continue;
          const op = opName(`Walk_${root.f.name.value}_${f.name.value}`);
          const res = await t.gql<Record<string, Record<string, unknown> | null>>(authority(), `query ${op} { ${root.f.name.value}${rootArgs} { ${f.name.value}${argsFor(f, r.id)}${selectionOf(f)} } }`);
          const forbidden = res.errors?.some((e) => (e.extensions as { code?: string } | undefined)?.code === 'FORBIDDEN');
          if (forbidden) {
            refused.push(f.name.value);
            continue;
          }
          expect(res.errors, `${root.f.name.value}.${f.name.value}`).toBeUndefined();
          const owner = ownerOf('Person', f);
          expect(await auditedBy(owner, r.id, op), `Person.${f.name.value}: an audit row in ${owner}`).not.toEqual([]);
          walked.push(op);
        }
      }
    }
    // The authority may read every field it can select: none is refused to it.
    expect(refused).toEqual([]);
    expect(walked.length).toBe(personFields.filter((f) => (kindsOf(f) ?? ['authority']).includes('authority')).length);
    const logged = await loggedOperations(r.caller, r.id);
    expect(walked.filter((op) => !logged.has(op)), 'operations missing from the access log').toEqual([]);
  });
});
