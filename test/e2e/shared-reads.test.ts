import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedReads, sharedReadsWaiting } from '../../gateway/shared-reads.js';
import { DashboardsRepository } from '../../subgraphs/health-status/modules/dashboards/dashboards.repository.js';
import { residentId } from '../factories/people.js';
import { newResident } from '../helpers/people.js';
import { startTestStack, type Caller, type GqlResult, type TestStack } from '../helpers/stack.js';

/** The dashboard page's published ColorCounts, flagged callerIndependent in its manifest. */
const COLOR_COUNTS = (() => {
  const manifest = JSON.parse(readFileSync(new URL('../../schema/dashboard-operations.json', import.meta.url), 'utf8')) as {
    operations: { name: string; body: string; callerIndependent?: boolean }[];
  };
  const op = manifest.operations.find((o) => o.name === 'ColorCounts' && o.callerIndependent);
  if (!op) throw new Error('ColorCounts is not flagged callerIndependent in schema/dashboard-operations.json');
  return op.body;
})();

type Counts = { colorCounts: { regionCode: string }[] };

const metric = async (m: { get(): Promise<{ values: { value: number }[] }> }) => (await m.get()).values.reduce((a, v) => a + v.value, 0);

describe('identical caller-independent reads in flight are answered once, per audience and variables (issue 24)', () => {
  let t: TestStack;

  beforeAll(async () => {
    t = await startTestStack();
    // Residents in two counties of two cities: CITY and COUNTY answers differ.
    await newResident(t, 'dev-channel-alipay', { documentNumber: residentId({ region: '450103', birthDate: '1980-01-01', sequence: 1 }), region: '450103' });
    await newResident(t, 'dev-channel-alipay', { documentNumber: residentId({ region: '450205', birthDate: '1980-01-01', sequence: 2 }), region: '450205' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shares one subgraph read among identical requests, never across audiences, variables or callers not allowed to run it', async () => {
    const dashboard = t.as('dev-dashboard');
    const authority = t.as('dev-authority');
    const ask = (caller: Caller, level: string) => t.gql<Counts>(caller, COLOR_COUNTS, { level });
    // The counters follow registrations through events: until both counties show, an answer could
    // still change between a caller's answer alone and the burst.
    for (const deadline = Date.now() + 30_000; ; ) {
      const county = await ask(dashboard, 'COUNTY');
      if (county.data?.colorCounts.length === 2) break;
      if (Date.now() > deadline) throw new Error(`health-status did not count both residents: ${JSON.stringify(county)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    // Each caller's answer alone, before any sharing.
    const alone = {
      dashboardCity: await ask(dashboard, 'CITY'),
      dashboardCounty: await ask(dashboard, 'COUNTY'),
      authorityCity: await ask(authority, 'CITY'),
    };
    for (const r of Object.values(alone)) expect(r.errors).toBeUndefined();
    expect(alone.dashboardCity.data!.colorCounts.map((c) => c.regionCode)).toEqual(['450100', '450200']);
    expect(alone.dashboardCounty.data!.colorCounts.map((c) => c.regionCode)).toEqual(['450103', '450205']);

    // Hold every colour-count read in the subgraph until all the identical requests have joined one.
    const original = DashboardsRepository.prototype.colorCountsByRegion;
    let reads = 0;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    DashboardsRepository.prototype.colorCountsByRegion = async function (this: DashboardsRepository, prefix) {
      reads++;
      await gate;
      return original.call(this, prefix);
    };
    try {
      const sharedBefore = await metric(sharedReads);
      const burst: Promise<GqlResult<Counts>>[] = [];
      const send = (n: number, caller: Caller, level: string) => Array.from({ length: n }, () => ask(caller, level));
      const dashboardCity = send(6, dashboard, 'CITY');
      const dashboardCounty = send(3, dashboard, 'COUNTY');
      const authorityCity = send(6, authority, 'CITY');
      // Callers whose contract has no colorCounts: refused at validation, never handed the shared answer.
      const checkpoint = send(3, t.as('dev-checkpoint'), 'CITY');
      const channel = send(3, t.as('dev-channel-alipay', 'shared-reads-user'), 'CITY');
      burst.push(...dashboardCity, ...dashboardCounty, ...authorityCity, ...checkpoint, ...channel);
      // Three leaders (dashboard CITY, dashboard COUNTY, authority CITY); the other 12 wait on them.
      const deadline = Date.now() + 30_000;
      while ((await metric(sharedReadsWaiting)) < 12) {
        if (Date.now() > deadline) throw new Error(`only ${await metric(sharedReadsWaiting)} of 12 identical requests joined one in flight`);
        await new Promise((r) => setTimeout(r, 5));
      }
      open();
      const answers = await Promise.all(burst);

      expect(reads).toBe(3);
      expect((await metric(sharedReads)) - sharedBefore).toBe(12);
      for (const r of await Promise.all(dashboardCity)) expect(r).toEqual(alone.dashboardCity);
      for (const r of await Promise.all(dashboardCounty)) expect(r).toEqual(alone.dashboardCounty);
      for (const r of await Promise.all(authorityCity)) expect(r).toEqual(alone.authorityCity);
      for (const r of [...(await Promise.all(checkpoint)), ...(await Promise.all(channel))]) {
        expect(r.data?.colorCounts).toBeUndefined();
        expect(r.errors?.[0]?.extensions?.code).toBeTruthy();
      }
      expect(answers).toHaveLength(21);
      expect(await metric(sharedReadsWaiting)).toBe(0);
    } finally {
      open();
      DashboardsRepository.prototype.colorCountsByRegion = original;
    }
  });
});
