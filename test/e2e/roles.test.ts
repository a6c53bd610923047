import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../common/platform/db.js';
import { subgraphRequests } from '../../common/platform/metrics.js';
import { DEMO_EMPLOYER } from '../../scripts/seed.js';
import { SUBMIT, residentId } from '../factories/people.js';
import { newResident, type Resident } from '../helpers/people.js';
import { startTestStack, type GqlResult, type TestStack } from '../helpers/stack.js';
import { designateApproved } from '../helpers/designations.js';

const REGISTER_EMPLOYER = 'mutation($input: RegisterEmployerInput!) { registerEmployer(input: $input) { created employer { creditCode name region { code } } } }';
const JOIN = 'mutation($c: String!) { joinEmployer(creditCode: $c) { employer { creditCode } } }';
const LEAVE = 'mutation($c: String!) { leaveEmployer(creditCode: $c) { employer { creditCode } } }';
const STAFF = 'query($first: Int, $after: String) { staff(first: $first, after: $after) { edges { cursor node { id maskedName color declaredToday } } pageInfo { hasNextPage endCursor } } }';
const SUMMARY = '{ returnToWorkSummary { staff green yellow red declaredToday declaredTodayRate } }';
const DESIGNATE = 'mutation($input: DesignateRiskInput!) { designateRisk(input: $input) { designation { id } } }';
const HOTLINE_LOOKUP = `query($input: HotlineLookupInput!) {
  hotlineCaller(input: $input) { id ticket maskedName maskedDocumentNumber color greenOn reasons { code progress { normalDays required } } appeals { id source ticket } }
}`;
const GRID_LOOKUP = 'query($input: PersonLookupInput!) { gridVisitPerson(input: $input) { id maskedName color } }';
const GRID_VISIT = 'mutation($input: RecordGridVisitInput!) { recordGridVisit(input: $input) { color fever person { maskedName color } } }';

type StaffPage = { staff: { edges: { cursor: string; node: { id: string; maskedName: string; color: string; declaredToday: boolean } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

/** Issue 15: the places the code is used beyond channels and gates — employers, the 12345 hotline, grid workers. */
describe('employers, the hotline and grid workers', () => {
  let t: TestStack;
  const employer = () => t.as('dev-employer');
  const hotline = () => t.as('dev-hotline');
  const audit = (owner: 'identity' | 'declarations' | 'health-status', personId: string) =>
    rows<{ action: string; principal_kind: string; detail: Record<string, unknown> | null }>(
      t.stack.db[owner].db,
      sql.raw(`select action, principal_kind, detail from ${owner.replace('-', '_')}.audit_log where person_id = '${personId}' order by id`),
    );
  const codeOf = (e: GqlResult) => e.errors?.map((x) => [x.extensions?.code, x.extensions?.reason]);
  /** Outside the caller's contract: refused as if the field did not exist, before any subgraph is asked. */
  const unseen = (e: GqlResult) => !!e.errors?.length && e.errors.every((x) => x.extensions?.code === 'GRAPHQL_VALIDATION_FAILED') && !('data' in e && e.data);

  beforeAll(async () => {
    t = await startTestStack();
    const res = await t.gql(t.as('dev-admin'), REGISTER_EMPLOYER, { input: DEMO_EMPLOYER });
    expect(res.errors).toBeUndefined();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('employers (单位企业复工登记)', () => {
    let staff: Resident[];

    it('registers an employer only with a valid check character, and only for operators', async () => {
      const bad = await t.gql(t.as('dev-admin'), REGISTER_EMPLOYER, { input: { name: '某公司', creditCode: '91440300708461136A', region: '450103' } });
      expect(codeOf(bad)).toEqual([['BAD_USER_INPUT', 'BAD_CHECK_CHARACTER']]);
      const channel = await t.gql(t.as('dev-channel-alipay', 'u-1'), REGISTER_EMPLOYER, { input: { name: '某公司', creditCode: '91440300708461136T', region: '450103' } });
      expect(unseen(channel)).toBe(true);
      const authority = await t.gql(t.as('dev-authority'), REGISTER_EMPLOYER, { input: { name: '某公司', creditCode: '91440300708461136T', region: '450103' } });
      expect(codeOf(authority)).toEqual([['FORBIDDEN', 'MISSING_SCOPE']]);
      const again = await t.gql<{ registerEmployer: { created: boolean } }>(t.as('dev-admin'), REGISTER_EMPLOYER, { input: DEMO_EMPLOYER });
      expect(again.data!.registerEmployer.created).toBe(false);
    });

    it('lists only staff who joined themselves: masked name, colour and declared-today, page by page, audited', async () => {
      staff = [];
      for (const name of ['韦一', '韦二', '韦三', '韦四', '韦五', '韦六']) staff.push(await newResident(t, 'dev-channel-wechat-zzg', { name }));
      const outsider = await newResident(t);
      for (const s of staff) expect((await t.gql(s.caller, JOIN, { c: DEMO_EMPLOYER.creditCode })).errors).toBeUndefined();
      for (const s of staff.slice(0, 5)) expect((await t.gql(s.caller, SUBMIT, { input: { temperature: 36.5 } })).errors).toBeUndefined();
      // An employer never adds anyone: joining is a channel's operation.
      expect(codeOf(await t.gql(employer(), JOIN, { c: DEMO_EMPLOYER.creditCode }))).toEqual([['FORBIDDEN', 'MISSING_SCOPE']]);

      const first = await t.gql<StaffPage>(employer(), STAFF, { first: 4 });
      expect(first.errors).toBeUndefined();
      expect(first.data!.staff.pageInfo.hasNextPage).toBe(true);
      const second = await t.gql<StaffPage>(employer(), STAFF, { first: 4, after: first.data!.staff.pageInfo.endCursor });
      expect(second.data!.staff.pageInfo.hasNextPage).toBe(false);
      const nodes = [...first.data!.staff.edges, ...second.data!.staff.edges].map((e) => e.node);
      expect(nodes.map((n) => n.maskedName)).toEqual(['韦*', '韦*', '韦*', '韦*', '韦*', '韦*']);
      expect(nodes.map((n) => [n.color, n.declaredToday])).toEqual([...Array(5).fill(['GREEN', true]), ['GREEN', false]]);
      // No person id anywhere in what the employer got, and not the outsider.
      const body = JSON.stringify([first, second]);
      for (const r of [...staff, outsider]) expect(body).not.toContain(r.id);
      expect(nodes).toHaveLength(6);

      for (const [owner, action] of [['identity', 'EMPLOYER_READ_STAFF'], ['health-status', 'EMPLOYER_READ_COLOR'], ['declarations', 'EMPLOYER_READ_DECLARED_TODAY']] as const) {
        const found = (await audit(owner, staff[0]!.id)).filter((a) => a.action === action);
        expect(found.length, owner).toBeGreaterThan(0);
        expect(found[0]).toMatchObject({ principal_kind: 'employer', detail: { operation: 'staff', creditCode: DEMO_EMPLOYER.creditCode } });
      }
      expect(await audit('identity', outsider.id)).not.toContainEqual(expect.objectContaining({ principal_kind: 'employer' }));
    });

    it('summarises by colour and declared-today rate, suppressing counts from 1 to 4 as dashboards do', async () => {
      const res = await t.gql<{ returnToWorkSummary: Record<string, number | null> }>(employer(), SUMMARY);
      expect(res.errors).toBeUndefined();
      // 5 of 6 declared: the one who did not is a cell of 1, so both cells (and the rate) are hidden.
      expect(res.data!.returnToWorkSummary).toEqual({ staff: 6, green: 6, yellow: 0, red: 0, declaredToday: null, declaredTodayRate: null });
      expect((await t.gql(staff[5]!.caller, SUBMIT, { input: { temperature: 36.6 } })).errors).toBeUndefined();
      await designateApproved(t, DESIGNATE, { input: { personId: staff[0]!.id, kind: 'CLOSE_CONTACT', since: t.clock.now().toISOString() } });
      const after = await t.gql<{ returnToWorkSummary: Record<string, number | null> }>(employer(), SUMMARY);
      // One red is hidden, and with it the next smallest cell, or the total would give it away.
      expect(after.data!.returnToWorkSummary).toEqual({ staff: 6, green: null, yellow: 0, red: null, declaredToday: 6, declaredTodayRate: 1 });
    });

    it('hides a member who left from the very next read', async () => {
      const leaver = staff[1]!;
      expect((await t.gql(leaver.caller, LEAVE, { c: DEMO_EMPLOYER.creditCode })).errors).toBeUndefined();
      const page = await t.gql<StaffPage>(employer(), STAFF, { first: 100 });
      expect(page.data!.staff.edges).toHaveLength(5);
      const summary = await t.gql<{ returnToWorkSummary: { staff: number } }>(employer(), SUMMARY);
      expect(summary.data!.returnToWorkSummary.staff).toBe(5);
      const before = (await audit('health-status', leaver.id)).length;
      await t.gql(employer(), STAFF, { first: 100 });
      expect((await audit('health-status', leaver.id)).length).toBe(before);
      // The employer cannot reach the person another way either.
      expect(unseen(await t.gql(employer(), 'query($id: ID!) { person(id: $id) { maskedName } }', { id: leaver.id }))).toBe(true);
      expect(codeOf(await t.gql(leaver.caller, LEAVE, { c: DEMO_EMPLOYER.creditCode }))).toEqual([['NOT_FOUND', 'NOT_A_MEMBER']]);
    });
  });

  describe('the 12345 hotline', () => {
    const ticket = 'GX20200306000123';

    it('finds a caller by document and name together: colour, reasons with progress, audited with the ticket', async () => {
      const doc = residentId();
      const r = await newResident(t, 'dev-channel-alipay', { documentNumber: doc, name: '韦小宝' });
      await designateApproved(t, DESIGNATE, { input: { personId: r.id, kind: 'KEY_AREA', since: t.clock.now().toISOString() } });
      const res = await t.gql<{ hotlineCaller: Record<string, unknown> & { reasons: unknown[] } }>(hotline(), HOTLINE_LOOKUP, { input: { ticket, documentNumber: doc, name: '韦小宝' } });
      expect(res.errors).toBeUndefined();
      expect(res.data!.hotlineCaller).toMatchObject({ ticket, maskedName: '韦**', color: 'YELLOW', reasons: [{ code: 'Y_KEY_AREA', progress: { normalDays: 0, required: 14 } }], appeals: [] });
      expect(JSON.stringify(res)).not.toContain(r.id);
      expect((await audit('identity', r.id)).find((a) => a.action === 'HOTLINE_LOOKUP')).toMatchObject({ principal_kind: 'hotline', detail: { operation: 'hotlineCaller', ticket, found: true } });
      expect((await audit('health-status', r.id)).find((a) => a.action === 'HOTLINE_READ_CODE')).toMatchObject({ principal_kind: 'hotline', detail: { ticket } });
    });

    it('answers a name that does not match exactly as an unknown document, and audits both', async () => {
      const doc = residentId();
      await newResident(t, 'dev-channel-alipay', { documentNumber: doc, name: '韦小宝' });
      const mismatch = await t.gql(hotline(), HOTLINE_LOOKUP, { input: { ticket, documentNumber: doc, name: '韦大宝' } });
      const unknown = await t.gql(hotline(), HOTLINE_LOOKUP, { input: { ticket, documentNumber: residentId({ region: '450205' }), name: '韦小宝' } });
      expect(mismatch.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'NO_SUCH_PERSON' });
      expect({ ...mismatch, errors: mismatch.errors?.map((e) => ({ ...e, extensions: { ...e.extensions, traceId: undefined } })) }).toEqual({
        ...unknown,
        errors: unknown.errors?.map((e) => ({ ...e, extensions: { ...e.extensions, traceId: undefined } })),
      });
      const misses = await rows<{ n: number }>(t.stack.db.identity.db, sql.raw(`select count(*)::int as n from identity.audit_log where action = 'HOTLINE_LOOKUP' and person_id is null and detail->>'ticket' = '${ticket}'`));
      expect(misses[0]!.n).toBeGreaterThanOrEqual(2);
      expect(codeOf(await t.gql(hotline(), HOTLINE_LOOKUP, { input: { ticket: 'call-me', documentNumber: doc, name: '韦小宝' } }))).toEqual([['BAD_USER_INPUT', 'BAD_TICKET']]);
    });

    it("files an appeal on the caller's behalf with the ticket, and adds a note to it", async () => {
      const doc = residentId();
      const r = await newResident(t, 'dev-channel-alipay', { documentNumber: doc, name: '韦小宝' });
      await designateApproved(t, DESIGNATE, { input: { personId: r.id, kind: 'KEY_AREA', since: t.clock.now().toISOString() } });
      const found = await t.gql<{ hotlineCaller: { id: string } }>(hotline(), HOTLINE_LOOKUP, { input: { ticket, documentNumber: doc, name: '韦小宝' } });
      const caller = found.data!.hotlineCaller.id;
      const filed = await t.gql<{ fileAppealForCaller: { id: string; source: string; ticket: string; status: string } }>(
        hotline(),
        'mutation($input: FileCallerAppealInput!) { fileAppealForCaller(input: $input) { id source ticket status } }',
        { input: { caller, reasonCode: 'Y_KEY_AREA', statement: '来电人称未去过该地区' } },
      );
      expect(filed.errors).toBeUndefined();
      expect(filed.data!.fileAppealForCaller).toMatchObject({ source: 'HOTLINE', ticket, status: 'OPEN' });
      const noted = await t.gql<{ addAppealNote: { notes: { note: string; by: string; ticket: string }[] } }>(
        hotline(),
        'mutation($input: AddAppealNoteInput!) { addAppealNote(input: $input) { notes { note by ticket } } }',
        { input: { caller, appealId: filed.data!.fileAppealForCaller.id, note: '来电人补充：有车票为证' } },
      );
      expect(noted.errors).toBeUndefined();
      expect(noted.data!.addAppealNote.notes).toEqual([{ note: '来电人补充：有车票为证', by: 'HOTLINE', ticket }]);
      // The resident sees it among their own appeals; the audit keeps the ticket.
      const mine = await t.gql<{ me: { appeals: { source: string; ticket: string }[] } }>(r.caller, '{ me { appeals { source ticket } } }');
      expect(mine.data!.me.appeals).toEqual([{ source: 'HOTLINE', ticket }]);
      expect((await audit('health-status', r.id)).map((a) => a.action)).toEqual(expect.arrayContaining(['FILE_APPEAL', 'ADD_APPEAL_NOTE']));
      // The appeal never hands the operator a person id.
      const person = await t.gql(hotline(), 'query($input: HotlineLookupInput!) { hotlineCaller(input: $input) { appeals { person { id } } } }', { input: { ticket, documentNumber: doc, name: '韦小宝' } });
      expect(unseen(person)).toBe(true);
      expect(JSON.stringify(person)).not.toContain(r.id);
      // A made-up reference is no caller.
      const forged = await t.gql(hotline(), 'mutation($input: AddAppealNoteInput!) { addAppealNote(input: $input) { id } }', { input: { caller: 'v1.AAAA', appealId: filed.data!.fileAppealForCaller.id, note: 'x' } });
      expect(codeOf(forged)).toEqual([['NOT_FOUND', 'UNKNOWN_CALLER']]);
    });

    it('has no list or bulk query', async () => {
      for (const query of ['{ appeals { edges { node { id } } } }', '{ staff { edges { node { id } } } }', '{ colorCounts { total } }', '{ checkpoints { edges { node { id } } } }']) {
        expect(unseen(await t.gql(hotline(), query)), query).toBe(true);
      }
      expect(unseen(await t.gql(hotline(), 'query($n: String!) { personByDocument(number: $n) { id } }', { n: residentId() }))).toBe(true);
    });
  });

  describe('grid workers (网格员上门核查)', () => {
    it('find a person by document and name, see masked name and colour, and a fever they measure turns the code yellow', async () => {
      const doc = residentId();
      const r = await newResident(t, 'dev-channel-aiguangxi', { documentNumber: doc, name: '黄阿婆' });
      const grid = t.as('dev-checkpoint-grid');
      const found = await t.gql<{ gridVisitPerson: { id: string; maskedName: string; color: string } }>(grid, GRID_LOOKUP, { input: { documentNumber: doc, name: '黄阿婆' } });
      expect(found.errors).toBeUndefined();
      expect(found.data!.gridVisitPerson).toMatchObject({ maskedName: '黄**', color: 'GREEN' });
      expect(JSON.stringify(found)).not.toContain(r.id);

      const visit = await t.gql<{ recordGridVisit: unknown }>(grid, GRID_VISIT, { input: { subject: found.data!.gridVisitPerson.id, temperature: 38.2 } });
      expect(visit.errors).toBeUndefined();
      expect(visit.data!.recordGridVisit).toEqual({ color: 'YELLOW', fever: true, person: { maskedName: '黄**', color: 'YELLOW' } });
      const code = await t.gql<{ me: { healthCode: { color: string; reasons: { code: string; source: string }[] } } }>(r.caller, '{ me { healthCode { color reasons { code source } } } }');
      expect(code.data!.me.healthCode).toEqual({ color: 'YELLOW', reasons: [{ code: 'Y_FEVER', source: 'CHECKPOINT' }] });
      expect((await audit('identity', r.id)).find((a) => a.action === 'GRID_LOOKUP')).toMatchObject({ principal_kind: 'checkpoint' });
      expect((await audit('health-status', r.id)).map((a) => a.action)).toEqual(expect.arrayContaining(['GRID_READ_COLOR', 'GRID_VISIT']));
    });

    it('use the same pairing rule as the hotline', async () => {
      const doc = residentId();
      await newResident(t, 'dev-channel-aiguangxi', { documentNumber: doc, name: '黄阿婆' });
      const res = await t.gql(t.as('dev-checkpoint-grid'), GRID_LOOKUP, { input: { documentNumber: doc, name: '黄阿公' } });
      expect(codeOf(res)).toEqual([['NOT_FOUND', 'NO_SUCH_PERSON']]);
    });

    it('are the only checkpoints that may look a person up by document', async () => {
      const doc = residentId();
      await newResident(t, 'dev-channel-aiguangxi', { documentNumber: doc, name: '黄阿婆' });
      const gate = await t.gql(t.as('dev-checkpoint'), GRID_LOOKUP, { input: { documentNumber: doc, name: '黄阿婆' } });
      expect(codeOf(gate)).toEqual([['FORBIDDEN', 'MISSING_SCOPE']]);
      const visit = await t.gql(t.as('dev-checkpoint'), GRID_VISIT, { input: { subject: 'v1.AAAA', temperature: 36.5 } });
      expect(codeOf(visit)).toEqual([['FORBIDDEN', 'MISSING_SCOPE']]);
    });
  });

  // Last: it stops the background consumers (requests still catch up themselves) to count only the read's statements.
  describe('cost', () => {
    it("reads a page of one member or of five with the same subgraph requests and SQL statements", async () => {
      for (const mod of Object.values(t.stack.modules)) for (const job of mod.background ?? []) await job.stop();
      const owners = Object.values(t.stack.db);
      const requests = async () => (await subgraphRequests.get()).values.reduce((n, v) => n + v.value, 0);
      const cost = async (first: number) => {
        await t.gql(employer(), STAFF, { first });
        const [r0, s0] = [await requests(), owners.reduce((n, h) => n + h.statements.forRequests, 0)];
        const res = await t.gql<StaffPage>(employer(), STAFF, { first });
        expect(res.data!.staff.edges).toHaveLength(first);
        return { requests: (await requests()) - r0, statements: owners.reduce((n, h) => n + h.statements.forRequests, 0) - s0 };
      };
      const one = await cost(1);
      expect(await cost(5)).toEqual(one);
      expect(one.requests).toBe(3);
    });
  });
});
