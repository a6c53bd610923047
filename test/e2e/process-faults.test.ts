import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PERSISTED_OPERATIONS } from '../../common/platform/config.js';
import { drizzleOn } from '../../common/platform/db.js';
import { localDate } from '../../common/domain/dates.js';
import { DEV_KEYS, seedDevKeys } from '../../scripts/seed.js';
import { RULE_SETS } from '../../subgraphs/health-status/domain/rule-sets.js';
import { evaluate } from '../../subgraphs/health-status/domain/rules.js';
import { registerInput, residentId } from '../factories/people.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { adminUrl } from '../helpers/postgres.js';
import { ProductionLayout } from '../helpers/processes.js';

const SAFELISTED = (name: string): string =>
  (JSON.parse(readFileSync(DEFAULT_PERSISTED_OPERATIONS, 'utf8')) as { operations: { name: string; body: string }[] }).operations.find((o) => o.name === name)!.body;
const CHANNEL_KEY = DEV_KEYS.find((k) => k.id === 'dev-channel-wechat-zzg')!.key;
/** Submissions in the crash test: the 2,000 (`FAULT_SUBMISSIONS` for a shorter local run). */
const SUBMISSIONS = Number(process.env.FAULT_SUBMISSIONS ?? 2000);

interface Answer {
  status: number;
  body?: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  retryAfter?: string | null;
  /** A request the server never took: the connection was refused or closed before an answer. */
  notTaken?: string;
}

/**
 * The faults of issue 16 on the production layout: five real processes on ephemeral ports against
 * one PostgreSQL database, killed, stopped and cut off from the database for real. PostgreSQL only:
 * PGlite lives inside one process. Each test records how long its fault took to heal (printed at
 * the end of the file). In CI with the PostgreSQL run; `FAULT_TESTS=0` leaves it out locally.
 */
describe.runIf(!!adminUrl() && process.env.FAULT_TESTS !== '0')('the production layout under faults', () => {
  let db: TestDatabase;
  let layout: ProductionLayout;
  const healed: Record<string, number> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    // A short breaker reset, so a restarted subgraph is tried again within a second. Deadlines are
    // generous: these faults are crashes and lost connections (faults.test.ts covers slow subgraphs),
    // and a loaded CI machine must not turn them into timeouts.
    layout = await ProductionLayout.create(db.connection.url!, {
      GATEWAY_BREAKER_RESET_MS: '500',
      GATEWAY_SUBGRAPH_TIMEOUT_MS: '20000',
      GATEWAY_SUBGRAPH_MUTATION_TIMEOUT_MS: '30000',
      SHUTDOWN_GRACE_MS: '10000',
    });
    await layout.startAll();
    await seedDevKeys(drizzleOn(db.connection, 'gateway'), drizzleOn(db.connection, 'health-status'));
  }, 600_000);

  afterAll(async () => {
    // The report asks for these figures; the test log is where a run keeps them.
    console.warn('fault healing times (ms):', JSON.stringify(healed));
    await layout?.close();
    await db?.drop();
  });

  const call = async (name: string, user: string, variables?: Record<string, unknown>): Promise<Answer> => {
    try {
      const res = await fetch(layout.url('gateway'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': CHANNEL_KEY, 'x-channel-user': user },
        body: JSON.stringify({ query: SAFELISTED(name), variables }),
      });
      return { status: res.status, body: (await res.json()) as Answer['body'], retryAfter: res.headers.get('retry-after') };
    } catch (err) {
      const code = (err as { cause?: { code?: string } }).cause?.code ?? 'unknown';
      return { status: 0, notTaken: code };
    }
  };

  const register = async (): Promise<{ user: string; id: string }> => {
    const user = `openid-${randomUUID()}`;
    const res = await call('RegisterPerson', user, { input: registerInput({ documentNumber: residentId() }) });
    expect(res.status, res.notTaken ?? layout.output().slice(-3000)).toBe(200);
    expect(res.body?.errors).toBeUndefined();
    return { user, id: (res.body!.data!.registerPerson as { person: { id: string } }).person.id };
  };

  /** Runs `work` from `workers` loops until `stop()` says so; every answer is kept. */
  const load = (workers: number, work: (i: number) => Promise<Answer>) => {
    const answers: Answer[] = [];
    let done = false;
    let n = 0;
    const loops = Array.from({ length: workers }, async () => {
      while (!done) answers.push(await work(n++));
    });
    return {
      answers,
      stop: async () => {
        done = true;
        await Promise.all(loops);
      },
    };
  };

  const waitFor = async (what: string, ok: () => Promise<boolean>, timeoutMs = 30_000) => {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (await ok()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${what} not within ${timeoutMs} ms\n${layout.output().slice(-4000)}`);
  };

  it('answers every request it took when the gateway gets SIGTERM under load, and exits 0', async () => {
    const people = await Promise.all(Array.from({ length: 4 }, register));
    const running = load(8, (i) => call('Me', people[i % people.length]!.user));
    try {
      await waitFor('answers before the signal', async () => running.answers.length >= 20);
      const before = running.answers.length;
      const stoppedAt = Date.now();
      expect(await layout.stop('gateway', 'SIGTERM')).toBe(0);
      const stopTook = Date.now() - stoppedAt;
      await running.stop();
      const taken = running.answers.filter((a) => !a.notTaken);
      const failed = taken.filter((a) => a.status !== 200 || a.body?.errors || !a.body?.data?.me);
      expect(failed, JSON.stringify(failed.slice(0, 3))).toEqual([]);
      // The requests in flight at the signal were answered too, not only those before it.
      expect(taken.length).toBeGreaterThan(before);
      // A refused or reset connection is a request the gateway never read: a client sends it again.
      for (const a of running.answers.filter((x) => x.notTaken)) expect(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET']).toContain(a.notTaken);
      expect(stopTook).toBeLessThan(10_000);
      healed['gateway SIGTERM → exited 0'] = stopTook;
    } finally {
      await running.stop();
      const restarted = Date.now();
      await layout.start('gateway');
      healed['gateway restarted → ready'] = Date.now() - restarted;
    }
  }, 300_000);

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After while every database connection is terminated, then recovers without a restart', async () => {
    const people = await Promise.all(Array.from({ length: 4 }, register));
    const pids = [...layout.processes.values()].map((p) => p.child.pid);
    const running = load(6, (i) => call('Me', people[i % people.length]!.user));
    await waitFor('answers before the cut', async () => running.answers.length >= 10);
    const started = running.answers.length;
    const terminated = await db.connection.query<{ n: number }>(
      `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
    );
    const cutAt = Date.now();
    expect(terminated[0]!.n).toBeGreaterThan(0);
    // Healed: the first of five answers in a row that are all full answers, after the cut.
    let firstGood = 0;
    await waitFor('full answers after the connections were terminated', async () => {
      const tail = running.answers.slice(-5);
      const good = tail.length === 5 && running.answers.length - started > 5 && tail.every((a) => a.status === 200 && !a.body?.errors);
      if (good && !firstGood) firstGood = Date.now();
      return good;
    });
    healed['all database connections terminated → full answers'] = firstGood - cutAt;
    await running.stop();
    for (const a of running.answers) {
      expect(a.notTaken).toBeUndefined();
      if (a.status === 200 && !a.body?.errors) continue;
      // Anything else is a retryable refusal (the database, or a subgraph whose breaker the lost
      // connections opened), never an internal error.
      const codes = a.body?.errors?.map((e) => e.extensions?.code);
      expect(codes?.every((c) => c === 'SERVICE_UNAVAILABLE' || c === 'SUBGRAPH_UNAVAILABLE'), JSON.stringify(a.body)).toBe(true);
      if (a.body?.errors?.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) {
        expect(a.status).toBe(503);
        expect(a.retryAfter).toMatch(/^\d+$/);
      }
    }
    // Seconds on a quiet machine (5.7 s measured); a bound, not a timing.
    expect(firstGood - cutAt).toBeLessThan(15_000);
    // No process was restarted: the same five.
    expect([...layout.processes.values()].map((p) => p.child.pid)).toEqual(pids);
    for (const p of layout.processes.values()) expect(p.child.exitCode).toBeNull();
  }, 300_000);

  /** Every declaration version stored is applied to health-status exactly once, and each code is the rules' colour. */
  const assertAppliedExactlyOnce = async (people: { id: string; temperature: number }[]) => {
    const ids = people.map((p) => p.id);
    const count = async () => {
      const [stored] = await db.connection.query<{ n: number }>(`select count(*)::int as n from declarations.declaration_versions where person_id = any($1::uuid[])`, [ids]);
      const [applied] = await db.connection.query<{ n: number }>(`select coalesce(sum(versions_received), 0)::int as n from health_status.day_facts where person_id = any($1::uuid[])`, [ids]);
      return { stored: stored!.n, applied: applied!.n };
    };
    await waitFor('health-status applying every stored declaration', async () => {
      const c = await count();
      return c.stored === c.applied;
    });
    // Nothing more arrives later (a second application would only add): wait until health-status has
    // acknowledged the whole declarations log, past which the transport has no event left to deliver.
    await waitFor('health-status acknowledging every declarations event', async () => {
      const [left] = await db.connection.query<{ n: number }>(
        `select count(*)::int as n from declarations.events e where not exists (
           select 1 from health_status.event_offsets o
           where o.consumer = 'health-status' and o.stream = 'declarations' and (e.txid, e.id) <= (o.txid, o.last_id))`,
      );
      return left!.n === 0;
    });
    const c = await count();
    expect(c.applied).toBe(c.stored);
    const codes = await db.connection.query<{ person_id: string; color: string }>(`select person_id, color from health_status.health_codes where person_id = any($1::uuid[])`, [ids]);
    const colour = new Map(codes.map((r) => [r.person_id, r.color]));
    const now = new Date();
    for (const p of people) {
      const expected = evaluate({
        ruleSets: RULE_SETS,
        designations: [],
        facts: [{ date: localDate(now), declared: true, maxTemperature: p.temperature, symptoms: false, exposures: [] }],
        now,
      }).color;
      expect(colour.get(p.id), p.id).toBe(expected);
    }
    return c.stored;
  };

  it(`keeps every acknowledged declaration when declarations is killed (-9) during ${SUBMISSIONS} submissions, and health-status applies each exactly once`, async () => {
    // Registered one by one: the fault is the crash, not a registration burst on a busy machine.
    const people: { user: string; id: string; temperature: number }[] = [];
    for (let i = 0; i < 15; i++) people.push({ ...(await register()), temperature: i % 5 === 0 ? 38.6 : 36.5 });
    const acknowledged: string[] = [];
    let sent = 0;
    let killed = false;
    let restartedAt = 0;
    let firstAfter = 0;
    // Clients that back off a little on a failure and go on until SUBMISSIONS were acknowledged: the
    // crash must cost nothing acknowledged, and submissions must succeed again once it is back.
    const worker = async () => {
      while (acknowledged.length < SUBMISSIONS && sent < SUBMISSIONS * 20) {
        const p = people[sent++ % people.length]!;
        const a = await call('SubmitDeclaration', p.user, { input: { temperature: p.temperature } });
        const decl = (a.body?.data?.submitDeclaration as { declaration?: { id: string } } | null)?.declaration;
        if (decl) {
          acknowledged.push(decl.id);
          if (restartedAt && !firstAfter) firstAfter = Date.now();
        } else {
          await new Promise((r) => setTimeout(r, 50));
        }
        if (!killed && acknowledged.length >= SUBMISSIONS / 3) {
          killed = true;
          await layout.stop('declarations', 'SIGKILL');
          const t = Date.now();
          await layout.start('declarations');
          restartedAt = Date.now();
          healed['declarations kill -9 → restarted and ready'] = restartedAt - t;
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(killed).toBe(true);
    expect(firstAfter, 'a submission acknowledged after the restart').toBeGreaterThan(0);
    healed['declarations restarted → first acknowledged submission'] = firstAfter - restartedAt;
    expect(acknowledged.length).toBeGreaterThanOrEqual(SUBMISSIONS);
    const stored = await db.connection.query<{ id: string }>(`select id from declarations.declaration_versions where id = any($1::uuid[])`, [acknowledged]);
    expect(stored.length).toBe(acknowledged.length);
    expect(await assertAppliedExactlyOnce(people)).toBeGreaterThanOrEqual(acknowledged.length);
  }, 300_000);

  it('applies every pending event exactly once when health-status is killed (-9) and started again', async () => {
    const people: { user: string; id: string; temperature: number }[] = [];
    for (let i = 0; i < 6; i++) people.push({ ...(await register()), temperature: i % 3 === 0 ? 38.2 : 36.6 });
    await layout.stop('health-status', 'SIGKILL');
    try {
      // Submitted while health-status is down: stored and acknowledged, the code missing with a coded error.
      for (const p of people) {
        const a = await call('SubmitDeclaration', p.user, { input: { temperature: p.temperature } });
        expect((a.body?.data?.submitDeclaration as { declaration: { id: string } }).declaration.id).toBeTruthy();
        expect(a.body?.errors?.map((e) => e.extensions?.code)).toContain('SUBGRAPH_UNAVAILABLE');
      }
    } finally {
      await layout.start('health-status');
    }
    const t = Date.now();
    await assertAppliedExactlyOnce(people);
    healed['health-status kill -9 with events pending → all applied'] = Date.now() - t;
    // And the gateway's breaker closes by itself: a full read again.
    const started = Date.now();
    await waitFor('a full household read', async () => {
      const a = await call('MyHousehold', people[0]!.user);
      return a.status === 200 && !a.body?.errors;
    });
    healed['health-status restarted → full household read'] = Date.now() - started;
  }, 300_000);
});
