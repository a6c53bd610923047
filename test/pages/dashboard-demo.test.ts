import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../common/domain/dates.js';
import type { EventConsumer } from '../../common/platform/events/consumer.js';
import { DEMO_CHECKPOINTS, DEMO_POPULATION, demoResidents, seedDemoPopulation, type DemoSeedResult } from '../../scripts/demo-data.js';
import { expectNoSeriousViolations } from '../helpers/axe.js';
import { browserAvailable, launchChromium, phonePage, screenshot } from '../helpers/browser.js';
import { startTestStack, TestClock, type TestStack } from '../helpers/stack.js';

const TODAY = '2026-11-27';
type Row = { regionCode: string; regionName: string; green: number | null; yellow: number | null; red: number | null; total: number | null };

/**
 * `npm start`'s demo data on a database of this file's own, read through the gateway as a dashboard
 * reads it: counts shown (not "<5") in several cities, every day of two weeks, several checkpoints,
 * and the page drawing both charts from it. The screenshot in the README is taken here.
 */
describe('the dashboard on the demo data', () => {
  let t: TestStack;
  let seeded: DemoSeedResult;
  const clock = new TestClock();
  const dashboard = () => ({ key: 'hcg_dev_dashboard' });

  beforeAll(async () => {
    clock.set(`${TODAY}T16:30:00+08:00`);
    t = await startTestStack({ GATEWAY_SUBGRAPH_TIMEOUT_MS: '30000' }, { clock });
    seeded = await seedDemoPopulation({ db: t.stack.db, connection: t.stack.connection, secrets: t.config.secrets }, clock.now());
    // The seed commits; the subgraphs learn of it from their events. Wait until every consumer has
    // applied everything (a round that applies nothing), as a dashboard a moment later would see it.
    for (let applied = 1; applied > 0; ) {
      applied = 0;
      for (const m of Object.values(t.stack.modules)) for (const c of m.background ?? []) if ('catchUp' in c) applied += await (c as EventConsumer).catchUp();
    }
    // The seed's own budget is 15 s on a quiet machine; a CI runner shared with other files gets room.
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('seeds once: the residents, two weeks of declarations and scans; a second run changes nothing', async () => {
    expect(seeded).toMatchObject({ residents: DEMO_POPULATION, seeded: true });
    expect(seeded.declarations).toBeGreaterThan(14 * 20);
    expect(seeded.scans).toBeGreaterThan(14 * 50);
    expect(await seedDemoPopulation({ db: t.stack.db, connection: t.stack.connection, secrets: t.config.secrets }, clock.now())).toEqual({ residents: 0, declarations: 0, scans: 0, seeded: false });
  });

  it('shows counts, not "<5", in several cities: every resident counted, yellow and red among them', async () => {
    const res = await t.gql<{ colorCounts: Row[] }>(dashboard(), '{ colorCounts(level: CITY) { regionCode regionName green yellow red total } }');
    expect(res.errors).toBeUndefined();
    const rows = new Map(res.data!.colorCounts.map((r) => [r.regionName, r]));
    const people = demoResidents(DEMO_POPULATION, TODAY);
    const inCity = (prefix: string) => people.filter((p) => p.region.startsWith(prefix));
    // Each vendor's YELLOW/RED is at least that colour now; fevers declared may have added yellows.
    for (const [name, prefix] of [['南宁市', '4501'], ['桂林市', '4503'], ['玉林市', '4509']] as const) {
      const row = rows.get(name)!;
      const city = inCity(prefix);
      expect(row.total, name).toBe(city.length);
      for (const k of ['green', 'yellow', 'red'] as const) expect(row[k], `${name} ${k}`).toBeGreaterThanOrEqual(5);
      expect(row.red, `${name} red`).toBeGreaterThanOrEqual(city.filter((p) => p.color === 'RED').length);
      expect(row.green! + row.yellow! + row.red!).toBe(row.total);
    }
    // A city with no red at all shows 0 there and its other counts in full.
    expect(rows.get('北海市')).toMatchObject({ red: 0, total: inCity('4505').length });
    expect(rows.get('北海市')!.green).toBeGreaterThanOrEqual(5);

    const days = await t.gql<{ declarationsPerDay: { date: string; declared: number | null; abnormal: number | null }[] }>(dashboard(), `{ declarationsPerDay(from: "${addDays(TODAY, -13)}", to: "${TODAY}") { date declared abnormal } }`);
    expect(days.errors).toBeUndefined();
    expect(days.data!.declarationsPerDay).toHaveLength(14);
    for (const d of days.data!.declarationsPerDay) expect(d.declared, d.date).toBeGreaterThanOrEqual(5);

    const from = new Date(Date.parse(`${addDays(TODAY, -13)}T00:00:00+08:00`)).toISOString();
    const scans = await t.gql<{ scansPerCheckpoint: { checkpoint: { id: string }; scans: number | null; passed: number | null }[] }>(
      dashboard(),
      `{ scansPerCheckpoint(from: "${from}", to: "${clock.now().toISOString()}") { checkpoint { id } scans passed } }`,
    );
    expect(scans.errors).toBeUndefined();
    const shown = scans.data!.scansPerCheckpoint.filter((s) => s.scans !== null && s.passed !== null);
    expect(new Set(shown.map((s) => s.checkpoint.id)).size).toBeGreaterThanOrEqual(4);
    expect(shown.every((s) => DEMO_CHECKPOINTS.some((c) => c.id === s.checkpoint.id))).toBe(true);
  });

  describe.runIf(browserAvailable())('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('draws both charts, passes axe-core, translates the CSV, and is the screenshot the README shows', async () => {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'zh-CN', acceptDownloads: true, reducedMotion: 'reduce', bypassCSP: true });
      // bypassCSP: only so that axe-core can be injected; the page itself runs under its CSP elsewhere.
      const w = await phonePage(context);
      // The page's "today" is the browser's: the window it opens on must hold the seeded days.
      await w.page.clock.setFixedTime(clock.now());
      const origin = new URL(t.stack.gateway.url).origin;
      await w.page.goto(`${origin}/dashboard/`);
      await w.page.fill('input[name=key]', 'hcg_dev_dashboard');
      await w.page.click('button[type=submit]');
      await w.page.waitForSelector('[data-testid=colour-table] tbody tr');
      await w.page.waitForSelector('[data-testid=scan-table] tbody tr');

      const nanning = await w.page.locator('[data-testid=colour-table] tr', { hasText: '南宁市' }).locator('td').allTextContents();
      expect(nanning.slice(1).every((c) => /^\d+$/.test(c) && Number(c) >= 5)).toBe(true);
      // Both charts drew (bars and the declared line's points), neither says it has nothing to show.
      expect(await w.page.locator('[data-testid=chart-note]').count()).toBe(0);
      await w.page.waitForFunction(() => document.querySelectorAll('section[aria-labelledby=colours] .chart path').length > 20);
      await w.page.waitForFunction(() => document.querySelectorAll('section[aria-labelledby=days] .chart path[stroke="#2563eb"]').length >= 14);

      await expectNoSeriousViolations(w.page);
      await screenshot(w.page, 'dashboard.png');

      // The CSV names the level in the page's language, not the API's enum.
      await w.page.selectOption('select[name=level]', 'COUNTY');
      await w.page.locator('[data-testid=colour-table] tr', { hasText: '青秀区' }).first().waitFor();
      const [download] = await Promise.all([w.page.waitForEvent('download'), w.page.click('button:has-text("下载 CSV")')]);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv).toContain('各地区赋码情况,县区');
      expect(csv).not.toContain('COUNTY');
      expect(w.pageErrors).toEqual([]);
      await context.close();
    });
  });
});
