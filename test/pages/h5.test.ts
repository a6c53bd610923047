import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateTime } from '../../web/shared/lang.js';
import { issueApiKey } from '../../scripts/api-keys.js';
import { DEMO_CHECKPOINT_ID } from '../../scripts/seed.js';
import { REGISTER, registerInput, residentId } from '../factories/people.js';
import { expectNoSeriousViolations } from '../helpers/axe.js';
import { browserAvailable, decodeQr, launchChromium, phonePage, screenshot, SCREENSHOTS, type WatchedPage } from '../helpers/browser.js';
import { startTestStack, TestClock, type Caller, type TestStack } from '../helpers/stack.js';
import { designateApproved } from '../helpers/designations.js';

const VERIFY = 'mutation($token: String!) { verifyCode(input: { token: $token }) { pass reason color paper person { maskedName } } }';
const VERIFY_ID = 'mutation($token: String!) { verifyIdentityCode(token: $token) { valid reason maskedName documentType expiresAt } }';
const TODAY = 'query($id: ID!) { person(id: $id) { todayDeclaration { version temperature } healthCode { color } } }';
const TODAY_PLACES = 'query($id: ID!) { person(id: $id) { todayDeclaration { exposures { kind regionCode provinceCode } trip { fromRegion toRegion } } } }';
const ADD_DEPENDENT = 'mutation($input: AddDependentInput!) { addDependent(input: $input) { dependent { id } } }';
/** A phone of 390 × 844 CSS pixels (iPhone 12–14), the size issue 23 was tried at. */
const PHONE = { width: 390, height: 844 } as const;

/** Text a reader meets (text nodes, labels, alternatives, the title) that is still Chinese, leaving out names marked lang="zh-CN". */
async function chineseLeft(w: WatchedPage): Promise<string[]> {
  return w.page.evaluate(() => {
    const han = /\p{Script=Han}/u;
    const left: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement?.closest('[lang="zh-CN"]')) continue;
      if (han.test(n.textContent ?? '')) left.push(n.textContent!.trim());
    }
    for (const el of document.body.querySelectorAll('[aria-label], [placeholder], [alt], [title]')) {
      if (el.closest('[lang="zh-CN"]')) continue;
      for (const a of ['aria-label', 'placeholder', 'alt', 'title']) if (han.test(el.getAttribute(a) ?? '')) left.push(`${a}=${el.getAttribute(a)}`);
    }
    if (han.test(document.title)) left.push(`title=${document.title}`);
    return left;
  });
}

describe.runIf(browserAvailable())('the H5 code page in Chromium', () => {
  let t: TestStack;
  let browser: Browser;
  let origin: string;
  const clock = new TestClock();
  const checkpoint: Caller = { key: 'hcg_dev_checkpoint_gate' };
  const authority: Caller = { key: 'hcg_dev_authority' };

  beforeAll(async () => {
    // A fixed morning in the province (UTC+8): nothing here depends on when the test runs.
    clock.set('2026-11-27T09:30:00+08:00');
    t = await startTestStack({}, { clock });
    origin = new URL(t.stack.gateway.url).origin;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function resident(name = '李明'): Promise<{ id: string; caller: Caller }> {
    const caller = t.as('dev-channel-wechat-zzg', `h5-${randomUUID()}`);
    const res = await t.gql<{ registerPerson: { person: { id: string } } }>(caller, REGISTER, { input: registerInput({ name, documentNumber: residentId() }) });
    expect(res.errors).toBeUndefined();
    return { id: res.data!.registerPerson.person.id, caller };
  }

  /** What a channel's backend does: its key and its user in, a one-time launch URL out. */
  async function launchUrl(caller: Caller): Promise<string> {
    const res = await fetch(`${origin}/h5/sessions`, { method: 'POST', headers: { 'x-api-key': caller.key!, 'x-channel-user': caller.channelUser! } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { launchUrl: string; expiresAt: string };
    expect(Date.parse(body.expiresAt) - clock.now().getTime()).toBe(60_000);
    return body.launchUrl;
  }

  async function open(caller: Caller, width = 320, height = 720): Promise<{ context: BrowserContext } & WatchedPage> {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    // The page's clock starts at the graph's (fixed) time and then runs, so screenshots agree with the data.
    await context.clock.install({ time: clock.now() });
    await context.clock.resume();
    const watched = await phonePage(context);
    await watched.page.goto(await launchUrl(caller));
    await watched.page.waitForSelector('.code[data-color]');
    return { context, ...watched };
  }

  async function qrToken(w: WatchedPage, selector = '.code img.qr'): Promise<string> {
    const img = w.page.locator(selector);
    await img.waitFor();
    const token = decodeQr(await img.screenshot());
    expect(token, 'the QR decodes').toBeTruthy();
    return token!;
  }

  it('launches with a ticket into a session cookie, shows 绿码 and a QR that passes verifyCode, and loads nothing from elsewhere', async () => {
    const r = await resident();
    const w = await open(r.caller);
    expect(w.page.url()).toBe(`${origin}/h5/`);
    await expect.poll(() => w.page.locator('.code .colour').textContent()).toBe('绿码');
    expect(await w.page.locator('[data-testid=masked-name]').textContent()).toBe('李*');
    expect(await w.page.locator('[data-testid=clock]').textContent()).toMatch(/^2026-11-27 \d\d:\d\d:\d\d$/);

    const cookies = await w.context.cookies();
    const session = cookies.find((c) => c.name === 'hcg_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true, path: '/' });
    expect(cookies.find((c) => c.name === 'hcg_csrf')).toMatchObject({ httpOnly: false, sameSite: 'Strict' });
    // The page itself never holds a key: no API key in its storage or in anything it sent.
    expect(await w.page.evaluate(() => JSON.stringify(localStorage) + document.cookie)).not.toContain('hcg_dev');

    const token = await qrToken(w);
    expect(token).toBe(await w.page.locator('.code img.qr').getAttribute('data-token'));
    const verified = await t.gql<{ verifyCode: { pass: boolean; color: string; person: { maskedName: string } } }>(checkpoint, VERIFY, { token });
    expect(verified.data!.verifyCode).toMatchObject({ pass: true, color: 'GREEN', person: { maskedName: '李*' } });

    await screenshot(w.page, 'h5-green.png');
    // Fits 320 px, also with a large system font (150 %): nothing runs off the side.
    const overflow = () => w.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBe(0);
    await w.page.evaluate(() => (document.documentElement.style.fontSize = '150%'));
    expect(await overflow()).toBe(0);
    const foreign = w.requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(foreign).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });

  it('turns 黄码 without a reload when a fever is declared, shows the reason and its clearance, and field-level errors', async () => {
    const r = await resident('黄伟');
    const w = await open(r.caller);
    await w.page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

    await w.page.fill('#temperature', '50');
    await w.page.click('button[type=submit]:has-text("提交申报")');
    await expect.poll(() => w.page.locator('[data-field=temperature]').textContent()).toBe('体温应在 34.0–43.0 °C 之间');
    expect((await t.gql<{ person: { todayDeclaration: null } }>(r.caller, TODAY, { id: r.id })).data!.person.todayDeclaration).toBeNull();

    await w.page.fill('#temperature', '38.2');
    await w.page.click('button[type=submit]:has-text("提交申报")');
    await expect.poll(() => w.page.locator('.code .colour').textContent()).toBe('黄码');
    expect(await w.page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    const reason = w.page.locator('[data-reason=Y_FEVER]');
    expect(await reason.textContent()).toContain('体温 ≥ 37.3 °C');
    expect(await reason.textContent()).toContain('还需连续 14 天健康申报正常');
    await screenshot(w.page, 'h5-yellow.png');

    // An amendment shows the earlier version.
    await w.page.fill('#temperature', '37.5');
    await w.page.click('button[type=submit]:has-text("提交申报")');
    await expect.poll(() => w.page.locator('[data-testid=today]').textContent()).toContain('第 2 版');
    expect(await w.page.locator('[data-version="1"]').textContent()).toContain('38.2 °C');

    // English on request.
    await w.page.click('button:has-text("English")');
    // The page re-renders, then sets <html lang> after the render: wait for each, not one moment.
    await expect.poll(() => w.page.locator('.code .colour').textContent()).toBe('Yellow code');
    await expect.poll(() => w.page.evaluate(() => document.documentElement.lang)).toBe('en');
    await w.page.click('button:has-text("中文")');
    await w.context.close();
  });

  it('shows 红码 with its reason after a designation', async () => {
    const r = await resident('王芳');
    const designated = await designateApproved(t, 'mutation($input: DesignateRiskInput!) { designateRisk(input: $input) { designation { id } } }', { input: { personId: r.id, kind: 'CLOSE_CONTACT', since: '2026-11-26T09:00:00+08:00' } });
    expect(designated.errors).toBeUndefined();
    const w = await open(r.caller);
    await expect.poll(() => w.page.locator('.code .colour').textContent()).toBe('红码');
    expect(await w.page.locator('[data-reason=R_CLOSE_CONTACT]').textContent()).toContain('密切接触者');
    await screenshot(w.page, 'h5-red.png');
    await w.context.close();
  });

  it('adds a dependent, switches to their code, prints a paper code, revokes it (the old paper no longer passes), removes the dependent', async () => {
    const r = await resident('赵丽');
    const w = await open(r.caller);
    w.page.on('dialog', (d) => void d.accept());
    await w.page.click('summary:has-text("添加家庭成员")');
    await w.page.fill('input[name=name]', '陈秀英');
    await w.page.fill('input[name=documentNumber]', residentId({ birthDate: '1953-08-12' }));
    await w.page.click('button[type=submit]:has-text("添加")');
    // The guardian's chip names the member in full (issue 23); the code card below stays masked.
    await w.page.waitForSelector('.people .chip:has-text("陈秀英")');
    await w.page.click('.people .chip:has-text("陈秀英")');
    await expect.poll(() => w.page.locator('[data-testid=masked-name]').textContent()).toBe('陈**');
    const dependentCode = await qrToken(w);
    expect((await t.gql<{ verifyCode: { person: { maskedName: string } } }>(checkpoint, VERIFY, { token: dependentCode })).data!.verifyCode.person.maskedName).toBe('陈**');

    await w.page.click('button:has-text("生成纸质码")');
    const paper = await qrToken(w, '[data-testid=paper-sheet] img.qr');
    const before = await t.gql<{ verifyCode: { pass: boolean; paper: boolean } }>(checkpoint, VERIFY, { token: paper });
    expect(before.data!.verifyCode).toMatchObject({ pass: true, paper: true });

    await w.page.click('.papers button:has-text("作废")');
    await w.page.waitForSelector('.papers .revoked');
    const after = await t.gql<{ verifyCode: { pass: boolean; reason: string } }>(checkpoint, VERIFY, { token: paper });
    expect(after.data!.verifyCode).toMatchObject({ pass: false, reason: 'REVOKED' });

    await w.page.click('.people .chip:has-text("本人")');
    await w.page.click('.members button:has-text("移除")');
    await w.page.waitForSelector('.people', { state: 'detached' });
    const me = await t.gql<{ me: { dependents: unknown[] } }>(r.caller, '{ me { dependents { id } } }');
    expect(me.data!.me.dependents).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });

  it('keeps the first view under 150 kB gzipped, and measures it and the first paint in Chromium', async () => {
    const r = await resident();
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'zh-CN' });
    const w = await phonePage(context);
    const responses: Promise<number>[] = [];
    w.page.on('requestfinished', (req) => responses.push(req.sizes().then((s) => s.responseBodySize + s.responseHeadersSize)));
    await w.page.goto(await launchUrl(r.caller));
    await w.page.waitForSelector('.code img.qr');
    await w.page.waitForLoadState('networkidle');
    const transferred = (await Promise.all(responses)).reduce((a, b) => a + b, 0);
    const paint = await w.page.evaluate(() => Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, Math.round(e.startTime)])));
    const encodings = await w.page.evaluate(() => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => [e.name, e.encodedBodySize, e.decodedBodySize]));
    // Figures, not targets (times are never asserted): written for the README and the report.
    writeFileSync(new URL('../../bench/results/pages.json', import.meta.url), `${JSON.stringify({ transferredBytes: transferred, requests: w.requests.length, paint, encodings }, null, 2)}\n`);
    expect(transferred).toBeLessThanOrEqual(150 * 1024);
    expect(encodings.filter(([name]) => String(name).includes('/assets/')).every(([, enc, dec]) => Number(enc) < Number(dec)), 'assets are sent compressed').toBe(true);
    expect(paint['first-contentful-paint']).toBeGreaterThan(0);
    await context.close();
  });

  it('refuses a reused, an expired and a forged ticket with an error page and no session', async () => {
    const r = await resident();
    const url = await launchUrl(r.caller);
    const first = await browser.newContext();
    expect((await (await first.newPage()).goto(url))!.status()).toBe(200);
    await first.close();

    const cases: [string, string][] = [['reused', url]];
    const stale = await launchUrl(r.caller);
    clock.set(new Date(clock.now().getTime() + 61_000).toISOString());
    cases.push(['expired', stale]);
    cases.push(['forged', `${origin}/h5/launch?ticket=${'A'.repeat(43)}`]);
    const reasons: string[] = [];
    for (const [, link] of cases) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const res = await page.goto(link);
      expect(res!.status()).toBe(400);
      reasons.push((await page.locator('main').getAttribute('data-reason'))!);
      expect(await page.textContent('h1')).toBe('无法打开健康码');
      expect(await context.cookies()).toEqual([]);
      await context.close();
    }
    expect(reasons).toEqual(['TICKET_USED', 'TICKET_EXPIRED', 'UNKNOWN_TICKET']);
  });

  it('refuses a session request without the CSRF token or off the safelist, changing nothing, and logout ends the session', async () => {
    const r = await resident();
    const w = await open(r.caller);
    const hash = await w.page.evaluate(async () => {
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation { submitDeclaration(input: { temperature: 39.0 }) { declaration { id } } }' }),
      });
      return { status: res.status, body: await res.json() };
    });
    expect(hash.status).toBe(403);
    expect(hash.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CSRF_TOKEN_MISMATCH' });

    const offList = await w.page.evaluate(async () => {
      const csrf = /hcg_csrf=([^;]+)/.exec(document.cookie)![1]!;
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hcg-csrf': csrf },
        body: JSON.stringify({ query: 'mutation { submitDeclaration(input: { temperature: 39.0 }) { declaration { id } } }' }),
      });
      return { status: res.status, body: await res.json() };
    });
    expect(offList.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OPERATION_NOT_SAFELISTED' });
    const today = await t.gql<{ person: { todayDeclaration: null; healthCode: { color: string } } }>(r.caller, TODAY, { id: r.id });
    expect(today.data!.person).toEqual({ todayDeclaration: null, healthCode: { color: 'GREEN' } });

    const sessionId = (await w.context.cookies()).find((c) => c.name === 'hcg_session')!.value;
    const csrf = (await w.context.cookies()).find((c) => c.name === 'hcg_csrf')!.value;
    await w.page.click('button:has-text("退出")');
    await w.page.waitForSelector('text=已退出');
    // The old cookie, replayed with its CSRF token, no longer opens anything: the session ended server-side.
    const replay = await fetch(`${origin}/sessions/current`, { headers: { cookie: `hcg_session=${sessionId}`, 'x-hcg-csrf': csrf } });
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { errors: { extensions: { reason: string } }[] }).errors[0]!.extensions.reason).toBe('SESSION_EXPIRED');
    await w.context.close();
  });

  it('renders a name with HTML in it as text: no script runs', async () => {
    const r = await resident();
    const w = await open(r.caller);
    const evil = '<img src=x onerror="window.pwned=1">';
    await w.page.click('summary:has-text("添加家庭成员")');
    await w.page.fill('input[name=name]', evil);
    await w.page.fill('input[name=documentNumber]', residentId({ birthDate: '1950-01-02' }));
    await w.page.click('button[type=submit]:has-text("添加")');
    await w.page.waitForSelector('.card [role=alert]');
    expect(await w.page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await w.page.locator('img[src=x]').count()).toBe(0);
    expect(w.requests.some((u) => u.endsWith('/x'))).toBe(false);
    await w.context.close();
  });

  it("shows who looked at the resident's data: the health commission's read, never the officer", async () => {
    const r = await resident();
    const read = await t.gql(authority, 'query CaseReview($id: ID!) { person(id: $id) { displayName } }', { id: r.id });
    expect(read.errors).toBeUndefined();
    const w = await open(r.caller);
    const log = w.page.locator('[data-testid=access-log] li');
    await expect.poll(() => log.count()).toBe(1);
    expect(await log.first().textContent()).toMatch(/^卫生健康委员会查看了个人信息\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(await w.page.locator('[data-testid=access-log]').textContent()).not.toContain('gx-cdc-demo');
    await w.context.close();
  });

  it('shows the electronic ID code in the tab beside the health code: its QR passes verifyIdentityCode at a counter, and renews before it expires', async () => {
    const r = await resident('陈静');
    const w = await open(r.caller);
    await w.page.click('[role=tab][data-tab=identity]');
    const card = w.page.locator('[data-testid=identity-code]');
    const img = card.locator('img.qr');
    const token = await qrToken(w, '[data-testid=identity-code] img.qr');
    expect(token).toBe(await img.getAttribute('data-token'));

    // A service counter: a checkpoint key holding the service-counter scope (docs/contracts.md).
    const counter: Caller = { key: (await issueApiKey(t.stack.db, 'checkpoint', DEMO_CHECKPOINT_ID, '市民中心政务大厅', ['service-counter'])).key };
    type Verified = { verifyIdentityCode: { valid: boolean; maskedName: string; documentType: string; expiresAt: string } };
    const verified = await t.gql<Verified>(counter, VERIFY_ID, { token });
    expect(verified.data!.verifyIdentityCode).toMatchObject({ valid: true, maskedName: '陈*', documentType: 'RESIDENT_ID' });
    const expiresAt = verified.data!.verifyIdentityCode.expiresAt;
    expect(await card.locator('[data-testid=identity-code-expiry]').textContent()).toBe(`有效至 ${localDateTime(new Date(expiresAt)).slice(11)}`);
    await screenshot(w.page, 'h5-identity-code.png');

    // Four minutes on (the token lives five): the page has asked for a fresh one, which passes too.
    const start = clock.now().toISOString();
    try {
      clock.set(new Date(clock.now().getTime() + 240_000).toISOString());
      await w.context.clock.fastForward(240_000);
      await expect.poll(() => img.getAttribute('data-token')).not.toBe(token);
      const renewed = await t.gql<Verified>(counter, VERIFY_ID, { token: await qrToken(w, '[data-testid=identity-code] img.qr') });
      expect(renewed.data!.verifyIdentityCode).toMatchObject({ valid: true, maskedName: '陈*' });
      expect(Date.parse(renewed.data!.verifyIdentityCode.expiresAt)).toBeGreaterThan(Date.parse(expiresAt));
    } finally {
      clock.set(start);
    }

    await w.page.click('[role=tab][data-tab=health]');
    await expect.poll(() => w.page.locator('.code .colour').textContent()).toBe('绿码');
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });

  it('takes the QR and the colour down the moment a request says the session is gone (its channel suspended), and says to reopen from the app', async () => {
    const r = await resident();
    const w = await open(r.caller);
    await expect.poll(() => w.page.locator('.code .colour').textContent()).toBe('绿码');
    const admin: Caller = { key: 'hcg_dev_admin' };
    expect((await t.gql(admin, 'mutation { suspendChannel(code: "wechat-zzg", reason: "页面测试") { status } }')).errors).toBeUndefined();
    try {
      // Not the code's own refresh: the declaration form is the first to hear that the session is gone.
      await w.page.fill('#temperature', '36.6');
      await w.page.click('button[type=submit]:has-text("提交申报")');
      const lost = w.page.locator('[data-testid=session-lost]');
      await lost.waitFor({ timeout: 10_000 });
      expect(await w.page.locator('.code').count()).toBe(0);
      expect(await w.page.locator('img.qr, [data-color], [data-testid=clock]').count()).toBe(0);
      const text = (await w.page.locator('body').textContent())!;
      expect(text).not.toMatch(/绿码|Green code/);
      expect(text).toContain('请从 App 重新打开');
      expect(text).toContain('Reopen from the app');
      await screenshot(w.page, 'h5-session-lost.png');
    } finally {
      expect((await t.gql(admin, 'mutation { reinstateChannel(code: "wechat-zzg") { status } }')).errors).toBeUndefined();
    }
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });

  it('opened without a session, shows the bilingual reopen page and no developer message', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 720 }, isMobile: true, locale: 'zh-CN' });
    const w = await phonePage(context);
    await w.page.goto(`${origin}/h5/`);
    await w.page.locator('[data-testid=session-lost]').waitFor({ timeout: 10_000 });
    const text = (await w.page.locator('body').textContent())!;
    expect(text).toContain('请从 App 重新打开');
    expect(text).toContain('Reopen from the app');
    expect(text).not.toMatch(/x-api-key|API key|Bearer/);
    expect(await w.page.locator('.code, img.qr').count()).toBe(0);
    expect(w.pageErrors).toEqual([]);
    await context.close();
  });

  it('lists the apps bound to the resident with their real-name check, shows the new binding as 新渠道绑定, and unbinds another app but not this one', async () => {
    const doc = residentId();
    const wechat = t.as('dev-channel-wechat-zzg', `h5-${randomUUID()}`);
    const alipay = t.as('dev-channel-alipay', `h5-${randomUUID()}`);
    expect((await t.gql(wechat, REGISTER, { input: registerInput({ documentNumber: doc }) })).errors).toBeUndefined();
    expect((await t.gql(alipay, REGISTER, { input: registerInput({ documentNumber: doc, verification: { method: 'CARRIER' } }) })).errors).toBeUndefined();
    const w = await open(wechat);
    w.page.on('dialog', (d) => void d.accept());
    const log = w.page.locator('[data-testid=access-log] li');
    await expect.poll(() => log.count()).toBe(1);
    expect(await log.first().textContent()).toMatch(/^支付宝新渠道绑定\d{4}-\d\d-\d\d \d\d:\d\d$/);

    const items = w.page.locator('[data-testid=channels] li');
    await expect.poll(() => items.count()).toBe(2);
    // boundAt is the database's time (as before this page), not the test clock: only its shape is asserted.
    expect(await w.page.locator('[data-channel=wechat-zzg]').textContent()).toMatch(/^壮掌桂证件号核验 · \d{4}-\d\d-\d\d 绑定正在使用$/);
    expect(await w.page.locator('[data-channel=wechat-zzg] button').count()).toBe(0);
    expect(await w.page.locator('[data-channel=alipay]').textContent()).toMatch(/^支付宝手机号实名核验 · \d{4}-\d\d-\d\d 绑定解除绑定$/);
    await w.page.locator('[data-channel=alipay] button').click();
    await expect.poll(() => items.count()).toBe(1);
    expect(await w.page.locator('[data-channel=alipay]').count()).toBe(0);
    // The unbound app's user is nobody from its next request on.
    expect((await t.gql(alipay, '{ me { id } }')).data).toEqual({ me: null });
    await w.context.close();
  });

  it('asks for places with pickers, never codes: "sz" finds 深圳市, a province by name, a trip by province → city → county; the codes reach the API', async () => {
    const r = await resident('韦芳');
    const w = await open(r.caller, PHONE.width, PHONE.height);
    await w.page.check('input[name=exposure][value=KEY_AREA_STAY]');
    await w.page.check('input[name=exposure][value=ARRIVED_FROM_OTHER_PROVINCE]');
    await w.page.click('summary:has-text("行程申报")');
    // Nothing on the form asks for a code.
    expect(await w.page.locator('form input[inputmode=numeric]').count()).toBe(0);
    expect(await w.page.locator('section[aria-labelledby=declare] form').textContent()).not.toMatch(/代码/);

    // Pinyin initials: "sz" lists 深圳市 (with 苏州市 and the other s-z cities), shown with its province.
    await w.page.fill('#regionCode-search', 'sz');
    const shenzhen = w.page.locator('[data-picker=regionCode] .region-hits button[data-code="440300"]');
    expect(await shenzhen.textContent()).toBe('广东省 深圳市');
    expect(await w.page.locator('[data-picker=regionCode] .region-hits button[data-code="320500"]').textContent()).toBe('江苏省 苏州市');
    await shenzhen.click();
    expect(await w.page.locator('[data-testid=regionCode-picked]').textContent()).toBe('已选：广东省 深圳市');
    expect(await w.page.locator('select[name=regionCode-province]').inputValue()).toBe('440000');
    expect(await w.page.locator('select[name=regionCode-city]').inputValue()).toBe('440300');
    expect(await w.page.locator('[data-picker=regionCode] .region-hits').count()).toBe(0);
    // Initials of a Guangxi county, and no match said as such.
    await w.page.fill('#tripFrom-search', 'qxq');
    expect(await w.page.locator('[data-picker=tripFrom] .region-hits button[data-code="450103"]').textContent()).toBe('广西壮族自治区 南宁市 青秀区');
    await w.page.fill('#tripFrom-search', 'zzzzzz');
    expect(await w.page.locator('[data-picker=tripFrom]').textContent()).toContain('没有找到');
    await w.page.fill('#tripFrom-search', '');

    // Where they arrived from is a province and nothing finer; found by its Chinese name.
    await w.page.fill('#provinceCode-search', '广东');
    await w.page.click('[data-picker=provinceCode] .region-hits button[data-code="440000"]');
    expect(await w.page.locator('select[name=provinceCode-province]').inputValue()).toBe('440000');
    expect(await w.page.locator('select[name=provinceCode-city]').count()).toBe(0);

    // The trip with the selects alone: 深圳市 to 南宁市 青秀区.
    await w.page.selectOption('select[name=tripFrom-province]', '440000');
    await w.page.selectOption('select[name=tripFrom-city]', '440300');
    await w.page.selectOption('select[name=tripTo-province]', '450000');
    await w.page.selectOption('select[name=tripTo-city]', '450100');
    await w.page.selectOption('select[name=tripTo-county]', '450103');
    expect(await w.page.locator('[data-testid=tripTo-picked]').textContent()).toBe('已选：广西壮族自治区 南宁市 青秀区');
    await w.page.fill('[data-picker=tripTo] ~ .grid2 input[type=date]', '2026-11-26');
    await w.page.fill('#regionCode-search', 'nn');
    await expectNoSeriousViolations(w.page);
    await w.page.fill('#regionCode-search', '');
    await screenshot(w.page, 'h5-pickers.png');

    await w.page.click('button[type=submit]:has-text("提交申报")');
    await expect.poll(() => w.page.locator('.code .colour').textContent(), { timeout: 10_000 }).toBe('黄码');
    type Places = { person: { todayDeclaration: { exposures: { kind: string; regionCode: string | null; provinceCode: string | null }[]; trip: { fromRegion: string; toRegion: string } } } };
    const today = (await t.gql<Places>(r.caller, TODAY_PLACES, { id: r.id })).data!.person.todayDeclaration;
    expect(today.exposures).toEqual(
      expect.arrayContaining([
        { kind: 'KEY_AREA_STAY', regionCode: '440300', provinceCode: null },
        { kind: 'ARRIVED_FROM_OTHER_PROVINCE', regionCode: null, provinceCode: '440000' },
      ]),
    );
    expect(today.trip).toEqual({ fromRegion: '440300', toRegion: '450103' });
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });

  it("shows a guardian their own children's full names, two 李 children apart, while the code card and a checkpoint see them masked; a child's log is theirs", async () => {
    const r = await resident('李明');
    const children = [
      ['李小明', '2016-03-01'],
      ['李小红', '2018-07-09'],
    ] as const;
    for (const [name, birthDate] of children) {
      const added = await t.gql(r.caller, ADD_DEPENDENT, { input: { name, documentNumber: residentId({ birthDate }), relation: 'CHILD', coResident: true } });
      expect(added.errors).toBeUndefined();
    }
    const w = await open(r.caller, PHONE.width, PHONE.height);
    const chips = w.page.locator('.people .chip');
    await expect.poll(() => chips.count()).toBe(3);
    expect(await chips.first().textContent()).toBe('本人 · 李明');
    expect((await chips.allTextContents()).slice(1).sort()).toEqual(['李小明', '李小红']);
    expect((await w.page.locator('[data-testid=member-name]').allTextContents()).sort()).toEqual(['李小明', '李小红']);
    // The code page, the household and the access log of the guardian.
    await w.page.click('summary:has-text("添加家庭成员")');
    await expectNoSeriousViolations(w.page);
    await screenshot(w.page, 'h5-household.png');

    await w.page.click('.people .chip:has-text("李小红")');
    await expect.poll(() => w.page.locator('[data-testid=masked-name]').textContent()).toBe('李**');
    const verified = await t.gql<{ verifyCode: { person: { maskedName: string; displayName: string } } }>(checkpoint, 'mutation($token: String!) { verifyCode(input: { token: $token }) { person { maskedName displayName } } }', { token: await qrToken(w) });
    expect(verified.data!.verifyCode.person).toEqual({ maskedName: '李**', displayName: '李**' });
    // The child's access log speaks of the child, in either language.
    await expect.poll(() => w.page.locator('#access-log').textContent()).toBe('谁查看了李小红的信息');
    expect(await w.page.locator('[data-testid=access-log-empty]').textContent()).toBe('暂无他人查询李小红的记录');
    await expectNoSeriousViolations(w.page);
    await w.page.click('button:has-text("English")');
    await expect.poll(() => w.page.locator('#access-log').textContent()).toBe('Who looked at 李小红’s data');
    expect(await w.page.locator('#access-log').textContent()).not.toContain('my data');
    expect(await w.page.locator('[data-testid=access-log-empty]').textContent()).toBe('No one else has read 李小红’s data');
    expect(await chineseLeft(w)).toEqual([]);
    await w.page.click('.people .chip:has-text("Me")');
    await expect.poll(() => w.page.locator('#access-log').textContent()).toBe('Who looked at my data');
    await w.page.click('button:has-text("中文")');
    await expect.poll(() => w.page.locator('#access-log').textContent()).toBe('谁查看了我的信息');
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });

  it('switches to 长辈模式 from the header: 18 px and more, the code and its colour first and the rest one tap away, kept for the session only', async () => {
    const r = await resident('黄秀兰');
    const w = await open(r.caller, PHONE.width, PHONE.height);
    const elder = () => w.page.evaluate(() => document.documentElement.classList.contains('elder'));
    const switcher = w.page.locator('[data-testid=elder-switch]');
    expect(await switcher.textContent()).toBe('长辈模式');
    expect(await elder()).toBe(false);
    await switcher.click();
    await expect.poll(elder).toBe(true);
    // On: pressed for a screen reader, ticked for the eye.
    expect(await switcher.getAttribute('aria-pressed')).toBe('true');
    expect(await switcher.textContent()).toBe('✓ 长辈模式');

    const px = (selector: string) => w.page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    for (const selector of ['body', '.code .hint', '.code .small', '.bar button', '[data-testid=elder-more] > summary']) expect(await px(selector), selector).toBeGreaterThanOrEqual(18);
    // The colour, the QR and the clock fit the first screen; the declaration is behind one tap.
    for (const selector of ['.code .colour', '.code img.qr', '[data-testid=clock]']) {
      const box = (await w.page.locator(selector).boundingBox())!;
      expect(box.y + box.height, selector).toBeLessThanOrEqual(PHONE.height);
    }
    expect(await w.page.locator('#temperature').isVisible()).toBe(false);
    await expectNoSeriousViolations(w.page);
    await screenshot(w.page, 'h5-elder.png');
    await w.page.click('[data-testid=elder-more] > summary');
    expect(await w.page.locator('#temperature').isVisible()).toBe(true);
    expect(await px('.muted')).toBeGreaterThanOrEqual(18);
    await expectNoSeriousViolations(w.page);

    // Kept across a reload of this tab; a new tab of the same session starts in the standard page.
    await w.page.reload();
    await w.page.waitForSelector('.code[data-color]');
    expect(await elder()).toBe(true);
    const other = await w.context.newPage();
    await other.goto(`${origin}/h5/`);
    await other.waitForSelector('.code[data-color]');
    expect(await other.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(false);
    await switcher.click();
    await expect.poll(elder).toBe(false);
    expect(await switcher.textContent()).toBe('长辈模式');
    expect(await switcher.getAttribute('aria-pressed')).toBe('false');
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });

  it('in English: an earlier error follows the switch, symptoms read "Fever, Cough", the header keeps one line at 390 px, nothing but names stays Chinese, /favicon.ico is served', async () => {
    const r = await resident('蒙丽');
    const w = await open(r.caller, PHONE.width, PHONE.height);
    const submit = () => w.page.click('button[type=submit]:has-text("提交申报"), button[type=submit]:has-text("Submit declaration")');
    await w.page.fill('#temperature', '38.1');
    await w.page.check('input[name=symptom][value=FEVER]');
    await w.page.check('input[name=symptom][value=COUGH]');
    await submit();
    await expect.poll(() => w.page.locator('[data-testid=today]').textContent(), { timeout: 10_000 }).toContain('第 1 版');
    await w.page.fill('#temperature', '37.6');
    await submit();
    await expect.poll(() => w.page.locator('[data-testid=today]').textContent(), { timeout: 10_000 }).toContain('第 2 版');
    await w.page.fill('#temperature', '50');
    await submit();
    await expect.poll(() => w.page.locator('[data-field=temperature]').textContent()).toBe('体温应在 34.0–43.0 °C 之间');

    await w.page.click('button:has-text("English")');
    await expect.poll(() => w.page.locator('[data-field=temperature]').textContent()).toBe('Temperature must be between 34.0 and 43.0 °C');
    expect(await w.page.locator('[data-version="1"]').textContent()).toContain('abnormal · Fever, Cough');
    await w.page.check('input[name=exposure][value=KEY_AREA_STAY]');
    await w.page.click('summary:has-text("Trip")');
    await w.page.click('summary:has-text("Add a household member")');
    expect(await chineseLeft(w)).toEqual([]);
    expect(await w.page.title()).toBe('Guangxi Health Code');

    // Focus follows reading order: no positive tabindex, and Tab from the top moves down the page.
    expect(await w.page.locator('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])').count()).toBe(0);
    await w.page.evaluate(() => window.scrollTo(0, 0));
    await w.page.locator('header.bar h1').click();
    const stops: { text: string; top: number }[] = [];
    for (let i = 0; i < 16; i++) {
      await w.page.keyboard.press('Tab');
      stops.push(await w.page.evaluate(() => ({ text: (document.activeElement?.textContent ?? '').trim().slice(0, 20), top: Math.round(document.activeElement!.getBoundingClientRect().top + window.scrollY) })));
    }
    expect(stops[0]!.text).toBe('中文');
    for (let i = 1; i < stops.length; i++) expect(stops[i]!.top, JSON.stringify(stops.slice(i - 1, i + 1))).toBeGreaterThanOrEqual(stops[i - 1]!.top - 2);

    // One line: the title in full and every button beside it, none of them wrapped.
    const header = await w.page.evaluate(() => {
      const bar = document.querySelector('header.bar')!;
      const h1 = bar.querySelector('h1')!;
      const items = [h1, ...bar.querySelectorAll('button')];
      const lineHeight = (el: Element) => parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.55;
      return {
        rows: new Set(items.map((el) => Math.round(el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2))).size,
        spread: Math.max(...items.map((el) => el.getBoundingClientRect().top)) - Math.min(...items.map((el) => el.getBoundingClientRect().top)),
        titleWhole: h1.scrollWidth <= h1.clientWidth,
        wrapped: items.filter((el) => (el as HTMLElement).offsetHeight > lineHeight(el) * 1.9).map((el) => el.textContent),
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      };
    });
    expect(header.titleWhole).toBe(true);
    expect(header.wrapped).toEqual([]);
    expect(header.spread).toBeLessThanOrEqual(8);
    expect(header.overflow).toBe(0);
    await expectNoSeriousViolations(w.page);
    await screenshot(w.page, 'h5-english.png');

    // The icon every browser asks for, served by us.
    const favicon = await fetch(`${origin}/favicon.ico`);
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get('content-type')).toMatch(/icon/);
    expect((await favicon.arrayBuffer()).byteLength).toBeGreaterThan(100);
    await w.page.click('button:has-text("中文")');
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });

  // Last: it moves the clock into rule set gx-2026.1 (from 2026-12-08), where the strictest version of a day counts.
  it('keeps 黄码 after an amendment drops the fever, shows 更正待审核 on the reasons, and files the correction as a mistaken entry', async () => {
    clock.set('2026-12-09T09:30:00+08:00');
    const r = await resident('周敏');
    const w = await open(r.caller);
    await w.page.fill('#temperature', '38.6');
    await w.page.check('input[name=symptom][value=FEVER]');
    await w.page.check('input[name=symptom][value=COUGH]');
    await w.page.click('button[type=submit]:has-text("提交申报")');
    // A bound, not a wait: the machine is shared, and a round trip may take longer than poll's 1 s default.
    const roundTrip = { timeout: 10_000 };
    await expect.poll(() => w.page.locator('.code .colour').textContent(), roundTrip).toBe('黄码');
    expect(await w.page.locator('[data-testid=correction-pending]').count()).toBe(0);

    // The resident meant 36.8: the amendment is kept, the colour is not lowered by it.
    await w.page.fill('#temperature', '36.8');
    await w.page.uncheck('input[name=symptom][value=FEVER]');
    await w.page.uncheck('input[name=symptom][value=COUGH]');
    await w.page.click('button[type=submit]:has-text("提交申报")');
    await expect.poll(() => w.page.locator('[data-testid=today]').textContent(), roundTrip).toContain('第 2 版');
    const pending = w.page.locator('[data-reason=Y_FEVER] [data-testid=correction-pending]');
    await expect.poll(() => pending.textContent(), roundTrip).toContain('更正待审核');
    expect(await pending.textContent()).toContain('2026-12-09');
    expect(await w.page.locator('[data-reason=Y_SYMPTOMS] [data-testid=correction-pending]').textContent()).toContain('更正待审核');
    expect(await w.page.locator('.code .colour').textContent()).toBe('黄码');
    await screenshot(w.page, 'h5-correction-pending.png');

    // 申诉纠错 on that reason files a mistaken-entry correction for the day.
    await w.page.click('[data-reason=Y_FEVER] button:has-text("申诉纠错")');
    await w.page.fill('[data-reason=Y_FEVER] textarea', '把 36.8 误填为 38.6');
    await w.page.click('[data-reason=Y_FEVER] button[type=submit]');
    await expect.poll(() => w.page.locator('[data-reason=Y_FEVER] .ok').textContent(), roundTrip).toContain('申诉已提交');
    const APPEALS = 'query($id: ID!) { person(id: $id) { appeals { reasonCode ground declarationDate status } } }';
    const filed = await t.gql<{ person: { appeals: unknown[] } }>(r.caller, APPEALS, { id: r.id });
    expect(filed.data!.person.appeals).toEqual([{ reasonCode: 'Y_FEVER', ground: 'MISTAKEN_ENTRY', declarationDate: '2026-12-09', status: 'OPEN' }]);
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });
  it('checks in at a place from its QR link (/h5/#place=<token>) and shows the full-screen card: the colour in words, the place, a live clock', async () => {
    const reg = await t.gql<{ registerPlace: { place: { id: string }; qrPath: string } }>(
      authority,
      'mutation { registerPlace(input: { name: "青秀区农贸市场", county: "450103", kind: MARKET }) { place { id } qrPath } }',
    );
    expect(reg.errors).toBeUndefined();
    const r = await resident('黄静');
    const w = await open(r.caller);
    // The phone's scanner opens what the printed QR encodes: the H5 page with the place token in its hash.
    await w.page.goto(`${origin}${reg.data!.registerPlace.qrPath}`);
    await expect.poll(() => w.page.locator('[data-testid=place-claimed]').textContent()).toBe('场所：青秀区农贸市场');
    await w.page.getByRole('button', { name: '本人 登记到访' }).click();
    const card = w.page.locator('[data-testid=place-card]');
    await card.waitFor();
    expect(await card.getAttribute('data-color')).toBe('GREEN');
    expect(await card.locator('.colour').textContent()).toBe('绿码');
    expect(await card.locator('[data-testid=place-name]').textContent()).toBe('青秀区农贸市场');
    // Earlier tests moved the graph's clock on: the card's clock runs from wherever it is now.
    expect(await card.locator('[data-testid=clock]').textContent()).toMatch(new RegExp(`^${localDateTime(clock.now()).slice(0, 10)} \\d\\d:\\d\\d:\\d\\d$`));
    // The card as the shop owner sees it: the screen, not the page scrolled under it.
    mkdirSync(SCREENSHOTS, { recursive: true });
    await w.page.screenshot({ path: new URL('h5-place.png', SCREENSHOTS).pathname });
    // The hash is spent: a reload does not check in twice.
    expect(new URL(w.page.url()).hash).toBe('');
    const visits = await t.gql<{ placeVisits: { edges: { node: { person: { id: string } } }[] } }>(
      authority,
      'query($p: ID!, $f: DateTime!, $t: DateTime!) { placeVisits(placeId: $p, from: $f, to: $t) { edges { node { person { id } } } } }',
      { p: reg.data!.registerPlace.place.id, f: new Date(clock.now().getTime() - 36e5).toISOString(), t: new Date(clock.now().getTime() + 36e5).toISOString() },
    );
    expect(visits.data!.placeVisits.edges.map((e) => e.node.person.id)).toEqual([r.id]);
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });
});
