import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../gateway/credentials.js';
import { GatewayRepository } from '../../gateway/db/repository.js';
import { issueApiKey } from '../../scripts/api-keys.js';
import { REGISTER, SUBMIT, registerInput, residentId } from '../factories/people.js';
import { expectNoSeriousViolations } from '../helpers/axe.js';
import { browserAvailable, launchChromium, phonePage, type WatchedPage } from '../helpers/browser.js';
import { newResident, type Resident } from '../helpers/people.js';
import { startTestStack, TestClock, type Caller, type TestStack } from '../helpers/stack.js';
import { designateApproved } from '../helpers/designations.js';

const VERIFY = 'mutation($token: String!) { verifyCode(input: { token: $token }) { pass } }';
const NAMES = ['李明', '王芳', '黄伟'];
const DESIGNATE = 'mutation($input: DesignateRiskInput!) { designateRisk(input: $input) { designation { id } } }';
const EVIL = '<img src=x onerror="window.pwned=1">南门';

describe.runIf(browserAvailable())('the dashboard page in Chromium', () => {
  let t: TestStack;
  let browser: Browser;
  let origin: string;
  const liuzhou: Resident[] = [];
  const clock = new TestClock();

  beforeAll(async () => {
    clock.set('2026-11-27T09:30:00+08:00');
    t = await startTestStack({}, { clock });
    origin = new URL(t.stack.gateway.url).origin;
    browser = await launchChromium();

    // Three residents of 南宁市 (too few to publish), one with a fever; scans at two checkpoints,
    // one of them named with HTML in it.
    const admin: Caller = { key: 'hcg_dev_admin' };
    const cp = await t.gql<{ registerCheckpoint: { id: string } }>(admin, 'mutation($input: RegisterCheckpointInput!) { registerCheckpoint(input: $input) { id } }', {
      input: { name: EVIL, kind: 'COMMUNITY_GATE', region: '450103', address: '青秀区' },
    });
    expect(cp.errors).toBeUndefined();
    const evilKey = `hcg_checkpoint_${randomUUID()}`;
    await new GatewayRepository(t.stack.db.gateway.db).upsertKey({ id: `test-${randomUUID()}`, keyHash: hashApiKey(evilKey), principalKind: 'checkpoint', subject: cp.data!.registerCheckpoint.id, scopes: [] });
    for (const [i, name] of NAMES.entries()) {
      const caller = t.as('dev-channel-wechat-zzg', `dash-${randomUUID()}`);
      const reg = await t.gql(caller, REGISTER, { input: registerInput({ name, documentNumber: residentId() }) });
      expect(reg.errors).toBeUndefined();
      await t.gql(caller, 'mutation($input: SubmitDeclarationInput!) { submitDeclaration(input: $input) { declaration { id } } }', { input: { temperature: i === 0 ? 38.4 : 36.5 } });
      const code = await t.gql<{ me: { healthCode: { token: string } } }>(caller, '{ me { healthCode { token } } }');
      const token = code.data!.me.healthCode.token;
      expect((await t.gql(t.as('dev-checkpoint'), VERIFY, { token })).errors).toBeUndefined();
      if (i === 0) expect((await t.gql({ key: evilKey }, VERIFY, { token })).errors).toBeUndefined();
    }
    // Ten residents of 柳州市, one a close contact: 9 green, 1 red. Red is small; green is hidden with
    // it, or the total (10) would give red away, and green must not read as "<5". All ten declare,
    // so the day's declarations (13) are shown.
    for (let i = 0; i < 10; i++) {
      const r = await newResident(t, 'dev-channel-wechat-zzg', { documentNumber: residentId({ region: '450205', sequence: i }), region: '450205' });
      liuzhou.push(r);
      if (i === 0) {
        const designation = await designateApproved(t, DESIGNATE, { input: { personId: r.id, kind: 'CLOSE_CONTACT', since: clock.now().toISOString() } });
        expect(designation.errors).toBeUndefined();
      }
      expect((await t.gql(r.caller, SUBMIT, { input: { temperature: 36.5 } })).errors).toBeUndefined();
    }
    // Place codes: the ten check in at a noodle shop, two of them at a market too (a small count).
    const places = [];
    for (const name of ['柳州螺蛳粉店', '柳南农贸市场']) {
      const reg = await t.gql<{ registerPlace: { token: string } }>(admin, 'mutation($n: String!) { registerPlace(input: { name: $n, county: "450205", kind: SHOP }) { token } }', { n: name });
      expect(reg.errors).toBeUndefined();
      places.push(reg.data!.registerPlace.token);
    }
    for (const [i, r] of liuzhou.entries()) {
      for (const token of i < 2 ? places : places.slice(0, 1)) expect((await t.gql(r.caller, 'mutation($t: String!) { checkInAtPlace(token: $t) { id } }', { t: token })).errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs an official in with a key the browser does not keep, shows "<5" for small counts and never a person', async () => {
    // bypassCSP only lets axe-core be injected at the end; the page's own scripts are the same either way.
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'zh-CN', acceptDownloads: true, bypassCSP: true });
    const w = await phonePage(context);
    await w.page.goto(`${origin}/dashboard/`);
    await w.page.fill('input[name=key]', 'hcg_dev_channel_wechat-zzg');
    await w.page.click('button[type=submit]');
    expect(await w.page.locator('[role=alert]').textContent()).toContain('密钥无效');

    await w.page.fill('input[name=key]', 'hcg_dev_dashboard');
    await w.page.click('button[type=submit]');
    await w.page.waitForSelector('[data-testid=colour-table] tbody tr');
    await w.page.fill('input[name=from]', '2026-11-27');
    await w.page.fill('input[name=to]', '2026-11-27');
    await w.page.locator('input[name=to]').dispatchEvent('change');
    await w.page.locator('input[name=from]').dispatchEvent('change');
    await w.page.waitForSelector('[data-testid=scan-table] tbody tr');

    const nanning = w.page.locator('[data-testid=colour-table] tr', { hasText: '南宁市' });
    expect(await nanning.locator('td').allTextContents()).toEqual(['南宁市', '<5', '<5', '0', '<5']);
    const scanRows = await w.page.locator('[data-testid=scan-table] tbody tr').allTextContents();
    expect(scanRows.length).toBe(2);
    expect(scanRows.every((r) => r.includes('<5'))).toBe(true);
    // The checkpoint's HTML name is text on the page; nothing in it ran or loaded.
    expect(scanRows.some((r) => r.includes(EVIL))).toBe(true);
    expect(await w.page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    // Check-ins per place and hour, from the counters: a count from 1 to 4 reads "<5".
    await w.page.waitForSelector('[data-testid=place-table] tbody tr');
    expect(await w.page.locator('[data-testid=place-table] tbody tr').allTextContents()).toEqual(['柳州螺蛳粉店2026-11-27 09:0010', '柳南农贸市场2026-11-27 09:00<5']);
    expect(w.requests.some((u) => u.endsWith('/x'))).toBe(false);

    const text = await w.page.locator('body').textContent();
    for (const name of NAMES) {
      expect(text).not.toContain(name);
      expect(text).not.toContain(`${name[0]}*`);
    }
    // The key is gone from the page: not in storage, not in a readable cookie, not in the form.
    const kept = await w.page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie + document.body.innerHTML);
    expect(kept).not.toContain('hcg_dev_dashboard');
    expect((await context.cookies()).find((c) => c.name === 'hcg_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    // Sortable: the checkpoint column sorts by name.
    await w.page.click('[data-testid=scan-table] th button:has-text("卡口")');
    expect(await w.page.locator('[data-testid=scan-table] th[aria-sort=ascending]').textContent()).toContain('卡口');

    const [download] = await Promise.all([w.page.waitForEvent('download'), w.page.click('button:has-text("下载 CSV")')]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('南宁市,"<5","<5",0,"<5"');
    for (const name of NAMES) expect(csv).not.toContain(name);

    // A dashboard session runs the dashboard's operations only.
    const personal = await w.page.evaluate(async () => {
      const csrf = /hcg_csrf=([^;]+)/.exec(document.cookie)![1]!;
      const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'x-hcg-csrf': csrf }, body: JSON.stringify({ query: '{ colorCounts { regionCode } }' }) });
      return (await res.json()) as { errors: { extensions: { reason: string } }[] };
    });
    expect(personal.errors[0]!.extensions.reason).toBe('OPERATION_NOT_SAFELISTED');

    // Every colour count here is small or hidden: the chart says so instead of drawing an empty axis.
    expect(await w.page.locator('section[aria-labelledby=colours] [data-testid=chart-note]').textContent()).toContain('所有数字均少于 5 人');
    expect(await w.page.locator('section[aria-labelledby=colours] .chart').count()).toBe(0);
    await expectNoSeriousViolations(w.page);
    expect(w.requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    await context.close();
  });

  it('says plainly, in both languages, when the session ends under the official (its key revoked), and offers the sign-in again', async () => {
    const issued = await issueApiKey(t.stack.db, 'dashboard', 'ops-page-test', 'page test');
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'zh-CN' });
    const w = await phonePage(context);
    await w.page.goto(`${origin}/dashboard/`);
    await w.page.fill('input[name=key]', issued.key);
    await w.page.click('button[type=submit]');
    await w.page.waitForSelector('[data-testid=colour-table] tbody tr');
    await new GatewayRepository(t.stack.db.gateway.db).revokeKey(issued.id);
    // The next request the page makes learns that the session is gone.
    await w.page.selectOption('select[name=level]', 'COUNTY');
    const ended = w.page.locator('[data-testid=session-ended]');
    await ended.waitFor({ timeout: 10_000 });
    expect(await ended.textContent()).toContain('会话已结束');
    expect(await ended.textContent()).toContain('Your session has ended');
    expect(await w.page.locator('[data-testid=colour-table]').count()).toBe(0);
    expect(await w.page.locator('input[name=key]').count()).toBe(1);
    expect(w.pageErrors).toEqual([]);
    await context.close();
  });

  it('shows "<5" only for a small count and "—" with a footnote for one hidden to protect it, and a point per day', async () => {
    // Ten scans in the last second of the 27th: the range's last day is whole, up to midnight.
    clock.set('2026-11-27T23:59:59.500+08:00');
    for (const r of liuzhou) {
      const token = (await t.gql<{ me: { healthCode: { token: string } } }>(r.caller, '{ me { healthCode { token } } }')).data!.me.healthCode.token;
      expect((await t.gql(t.as('dev-checkpoint'), VERIFY, { token })).errors).toBeUndefined();
    }
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: lang, acceptDownloads: true, reducedMotion: 'reduce' });
      const w = await signedIn(await phonePage(context));
      if (lang === 'en-US') await w.page.click('button:has-text("English")');

      // 柳州市: green 9 hidden to protect red 1. "<5" for red only; green is "—", 已隐藏, and says why.
      const liuzhou = w.page.locator('[data-testid=colour-table] tr', { hasText: '柳州市' });
      expect(await liuzhou.locator('td').allTextContents()).toEqual(['柳州市', '—', '0', '<5', '10']);
      const green = liuzhou.locator('td').nth(1);
      expect(await green.getAttribute('title')).toBe(lang === 'zh-CN' ? '已隐藏' : 'hidden');
      const note = w.page.locator(`#${await green.getAttribute('aria-describedby')}`);
      expect(await note.textContent()).toContain(lang === 'zh-CN' ? '“—”（已隐藏）：该数字不少于 5' : '“—” (hidden): this count is 5 or more');
      expect(await note.isVisible()).toBe(true);

      // A week of declarations: a point on the line for every day, the six days nobody declared at 0.
      await w.page.fill('input[name=from]', '2026-11-21');
      await w.page.locator('input[name=from]').dispatchEvent('change');
      await w.page.fill('input[name=to]', '2026-11-27');
      await w.page.locator('input[name=to]').dispatchEvent('change');
      // The development checkpoint: 3 scans in the morning, 10 in the day's last second.
      await w.page.locator('[data-testid=scan-table] td', { hasText: /^13$/ }).waitFor();
      // The declared line's points are its circles (stroke #2563eb; the legend's is drawn otherwise),
      // one at each day's place on the axis.
      await w.page.waitForFunction(() => {
        const circles = document.querySelectorAll('section[aria-labelledby=days] .chart path[d="M1 0A1 1 0 1 1 1 -0.0001"][stroke="#2563eb"]');
        return new Set([...circles].map((c) => c.getAttribute('transform'))).size === 7 && circles.length === 7;
      });

      const [download] = await Promise.all([w.page.waitForEvent('download'), w.page.click('button:has-text("CSV")')]);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv).toContain('柳州市,—,0,"<5",10');
      expect(csv).toContain(lang === 'zh-CN' ? '“—”（已隐藏）' : '“—” (hidden)');
      expect(w.pageErrors).toEqual([]);
      await context.close();
    }
  });

  /** Signs the page in as an official with the dashboard key and waits for the colour table. */
  async function signedIn(w: WatchedPage): Promise<WatchedPage> {
    await w.page.goto(`${origin}/dashboard/`);
    await w.page.fill('input[name=key]', 'hcg_dev_dashboard');
    await w.page.click('button[type=submit]');
    await w.page.waitForSelector('[data-testid=colour-table] tbody tr');
    return w;
  }
});
