import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiKey } from '../../scripts/api-keys.js';
import { roadChecks, scans } from '../../subgraphs/health-status/db/tables.js';
import { ADD_DEPENDENT, dependentInput, residentId } from '../factories/people.js';
import { expectNoSeriousViolations } from '../helpers/axe.js';
import { designateApproved } from '../helpers/designations.js';
import { browserAvailable, launchChromium, phonePage, screenshot, type WatchedPage } from '../helpers/browser.js';
import { newResident, type Resident } from '../helpers/people.js';
import { startTestStack, TestClock, type Caller, type TestStack } from '../helpers/stack.js';

const CHECKPOINT = '兰海高速钦州东出口';
const MIN = 60_000;

/**
 * A video of one QR code for Chromium's fake camera: YUV4MPEG2 (4:2:0), the code drawn from the
 * real token's modules in black on white, a few identical frames (Chromium loops the file).
 */
function qrVideo(text: string): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const [W, H] = [640, 480];
  const scale = Math.floor((H - 40) / (modules.size + 8));
  const left = Math.floor((W - modules.size * scale) / 2);
  const top = Math.floor((H - modules.size * scale) / 2);
  const y = Buffer.alloc(W * H, 235);
  for (let r = 0; r < modules.size; r++)
    for (let c = 0; c < modules.size; c++)
      if (modules.get(r, c)) for (let dy = 0; dy < scale; dy++) y.fill(16, (top + r * scale + dy) * W + left + c * scale, (top + r * scale + dy) * W + left + (c + 1) * scale);
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  const file = join(mkdtempSync(join(tmpdir(), 'hcg-camera-')), 'qr.y4m');
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F5:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: 5 }, () => frame)]));
  return file;
}

describe.runIf(browserAvailable())('the checkpoint verifier page (/verifier/) in Chromium', () => {
  let t: TestStack;
  let browser: Browser;
  let origin: string;
  let context: BrowserContext;
  let w: WatchedPage;
  let checkpointId: string;
  let checkpointKey: string;
  const clock = new TestClock();
  const T = Date.parse('2026-11-27T09:30:00+08:00');
  const tokens: Record<'camera' | 'paper' | 'expired' | 'online', string> & { car: string[] } = { camera: '', paper: '', expired: '', online: '', car: [] };
  let cameraResident: Resident;
  const carResidents: Resident[] = [];

  const tokenOf = async (r: Resident) => (await t.gql<{ me: { healthCode: { token: string } } }>(r.caller, '{ me { healthCode { token } } }')).data!.me.healthCode.token;
  const hs = () => t.stack.db['health-status'].db;
  const verdict = (page: Page) => page.locator('[data-testid=verdict]');
  /** Types a code the way a handheld scanner does, and waits for the page's answer to it. */
  const typeCode = async (page: Page, token: string) => {
    await page.fill('input[name=token]', token);
    await page.click('form.manual button[type=submit]');
  };
  const queueSize = (page: Page) => page.locator('[data-testid=queue-size]');
  const scanCount = async (): Promise<number | null> => {
    const res = await t.gql<{ scansPerCheckpoint: { checkpoint: { id: string }; scans: number | null }[] }>(
      { key: 'hcg_dev_dashboard' } as Caller,
      'query($from: DateTime!, $to: DateTime!) { scansPerCheckpoint(from: $from, to: $to) { checkpoint { id } scans } }',
      { from: new Date(T - 60 * MIN).toISOString(), to: new Date(T + 60 * MIN).toISOString() },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.scansPerCheckpoint.find((r) => r.checkpoint.id === checkpointId)?.scans ?? null;
  };

  beforeAll(async () => {
    // An expired token: issued ten minutes before the page's (and the server's) now.
    clock.set(new Date(T - 10 * MIN).toISOString());
    t = await startTestStack({}, { clock });
    origin = new URL(t.stack.gateway.url).origin;
    tokens.expired = await tokenOf(await newResident(t));
    clock.set(new Date(T).toISOString());

    const reg = await t.gql<{ registerCheckpoint: { id: string } }>({ key: 'hcg_dev_admin' }, 'mutation($i: RegisterCheckpointInput!) { registerCheckpoint(input: $i) { id } }', {
      i: { name: CHECKPOINT, kind: 'ROAD_CHECKPOINT', region: '450703' },
    });
    checkpointId = reg.data!.registerCheckpoint.id;
    checkpointKey = (await issueApiKey(t.stack.db, 'checkpoint', checkpointId, 'verifier phone')).key;

    cameraResident = await newResident(t, 'dev-channel-wechat-zzg', { name: '覃小燕' });
    tokens.camera = await tokenOf(cameraResident);
    tokens.online = await tokenOf(await newResident(t, 'dev-channel-wechat-zzg', { name: '韦国强' }));
    // A paper code for a grandmother, printed by her guardian and then revoked.
    const guardian = await newResident(t);
    const added = await t.gql<{ addDependent: { dependent: { id: string } } }>(guardian.caller, ADD_DEPENDENT, { input: dependentInput({ documentNumber: residentId({ birthDate: '1940-02-02' }) }) });
    const paper = await t.gql<{ issuePaperCode: { id: string; token: string } }>(guardian.caller, 'mutation($id: ID!) { issuePaperCode(personId: $id) { id token } }', { id: added.data!.addDependent.dependent.id });
    tokens.paper = paper.data!.issuePaperCode.token;
    expect((await t.gql(guardian.caller, 'mutation($id: ID!) { revokePaperCode(id: $id) { id } }', { id: paper.data!.issuePaperCode.id })).errors).toBeUndefined();
    // A car of four: three green, one yellow (a key-area designation).
    for (let i = 0; i < 4; i++) carResidents.push(await newResident(t));
    const designated = await designateApproved(t, 'mutation($input: DesignateRiskInput!) { designateRisk(input: $input) { designation { id } } }', {
      input: { personId: carResidents[3]!.id, kind: 'KEY_AREA', since: clock.now().toISOString() },
    });
    expect(designated.errors).toBeUndefined();
    for (const r of carResidents) tokens.car.push(await tokenOf(r));

    browser = await launchChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${qrVideo(tokens.camera)}`]);
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', permissions: ['camera'] });
    // The phone's clock is the test's: the tokens above are valid (or expired) by it.
    await context.clock.setFixedTime(new Date(T));
    w = await phonePage(context);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('loads under 150 kB, signs the officer in with the checkpoint key (kept nowhere) and verifies online', async () => {
    const responses: Promise<[string, number]>[] = [];
    const onFinished = (req: { url(): string; sizes(): Promise<{ responseBodySize: number; responseHeadersSize: number }> }) =>
      responses.push(req.sizes().then((s) => [new URL(req.url()).pathname, s.responseBodySize + s.responseHeadersSize]));
    w.page.on('requestfinished', onFinished);
    await w.page.goto(`${origin}/verifier/`);
    await w.page.waitForSelector('input[name=key]');
    await w.page.waitForLoadState('networkidle');
    w.page.off('requestfinished', onFinished);
    const sizes = await Promise.all(responses);
    const transferred = sizes.reduce((a, [, n]) => a + n, 0);
    // A figure for docs/pages.md (headers included), and the limit asserted.
    writeFileSync(new URL('../../bench/results/verifier.json', import.meta.url), `${JSON.stringify({ transferredBytes: transferred, requests: sizes }, null, 2)}\n`);
    expect(transferred).toBeLessThanOrEqual(150 * 1024);
    // The manifest, the service worker and the decoder are ours, from our origin.
    expect(w.requests.every((u) => u.startsWith(origin))).toBe(true);
    const manifest = await (await fetch(`${origin}/verifier/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ start_url: '/verifier/', scope: '/verifier/', display: 'standalone' });

    // A channel's key opens nothing here.
    await w.page.fill('input[name=key]', 'hcg_dev_channel_wechat-zzg');
    await w.page.click('button[type=submit]');
    expect(await w.page.locator('[role=alert]').textContent()).toContain('密钥无效');
    await w.page.fill('input[name=key]', checkpointKey);
    await w.page.click('button[type=submit]');
    await w.page.waitForSelector(`h2:has-text("${CHECKPOINT}")`);
    await w.page.waitForSelector('[data-testid=keys-age][data-stale=false]');
    const kept = await w.page.evaluate(() => JSON.stringify({ ...localStorage }) + document.cookie + document.body.innerHTML);
    expect(kept).not.toContain(checkpointKey);
    expect((await context.cookies()).find((c) => c.name === 'hcg_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    // Online, the graph answers: the current colour and the masked name, nothing more.
    await w.page.fill('input[name=temperature]', '36.6');
    await typeCode(w.page, tokens.online);
    await w.page.waitForSelector('[data-testid=verdict][data-pass=true]');
    const text = await verdict(w.page).textContent();
    expect(text).toContain('通过');
    expect(text).toContain('绿码');
    expect(text).toContain('韦**');
    expect(text).toContain('在线核验');
    await expect.poll(() => queueSize(w.page).textContent()).toBe('0');
    // The same code again without a temperature: a second scan (two passes at this checkpoint).
    await typeCode(w.page, tokens.online);
    await w.page.waitForSelector('[data-testid=verdict][data-source=online][data-pass=true]');

    // The session runs the verifier's operations and nothing else.
    const other = await w.page.evaluate(async () => {
      const csrf = /hcg_csrf=([^;]+)/.exec(document.cookie)![1]!;
      const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'x-hcg-csrf': csrf }, body: JSON.stringify({ query: '{ myCheckpoint { id } }' }) });
      return (await res.json()) as { errors: { extensions: { reason: string } }[] };
    });
    expect(other.errors[0]!.extensions.reason).toBe('OPERATION_NOT_SAFELISTED');
    await w.page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  });

  it('offline: scans a real code through the camera, refuses a revoked paper code and an expired token, checks a car, and queues it all', async () => {
    await context.setOffline(true);
    await w.page.waitForSelector('[data-testid=network]:has-text("离线")');

    await w.page.fill('input[name=temperature]', '36.5');
    await w.page.click('[data-testid=camera]');
    await w.page.waitForSelector('[data-testid=verdict][data-source=offline][data-pass=true]', { timeout: 20_000 });
    expect(await verdict(w.page).textContent()).toContain('绿码');
    expect(await verdict(w.page).textContent()).toContain('离线核验');
    await expect.poll(() => queueSize(w.page).textContent()).toBe('1');

    await typeCode(w.page, tokens.paper);
    await w.page.waitForSelector('[data-testid=verdict][data-reason=REVOKED]');
    expect(await verdict(w.page).getAttribute('data-pass')).toBe('false');
    expect(await verdict(w.page).textContent()).toContain('纸质码已撤销');
    await typeCode(w.page, tokens.expired);
    await w.page.waitForSelector('[data-testid=verdict][data-reason=EXPIRED]');
    // An altered code is refused too (and queued, so the attempt is on record).
    const [h, p, s] = tokens.online.split('.');
    await typeCode(w.page, `${h}.${p}.${s!.startsWith('A') ? 'B' : 'A'}${s!.slice(1)}`);
    await w.page.waitForSelector('[data-testid=verdict][data-reason=BAD_SIGNATURE]');
    await expect.poll(() => queueSize(w.page).textContent()).toBe('4');

    // A road check: four passengers as one group, the plate typed.
    await w.page.check('input[name=mode][value=road]');
    for (const token of tokens.car) await typeCode(w.page, token);
    await w.page.waitForSelector('[data-testid=car-running]:has-text("4 人")');
    expect(await w.page.locator('[data-testid=car-running]').textContent()).toBe('4 人 · 3 绿 1 黄');
    await w.page.fill('input[name=plate]', '桂G12345');
    await w.page.click('button:has-text("完成本车")');
    await w.page.waitForSelector('[data-testid=car-summary]');
    expect(await w.page.locator('[data-testid=car-summary] .big').textContent()).toBe('4 人 · 3 绿 1 黄');
    expect(await w.page.locator('[data-testid=car-summary]').getAttribute('data-pass')).toBe('false');
    await expect.poll(() => queueSize(w.page).textContent()).toBe('5');
    await screenshot(w.page, 'verifier.png');

    // The service worker serves the page with the network off; the queue is still on the phone.
    const reloaded = await w.page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await w.page.waitForSelector(`h2:has-text("${CHECKPOINT}")`);
    // After the reload the page reads its queue back from IndexedDB: wait for it rather than read the first paint.
    await expect.poll(() => queueSize(w.page).textContent()).toBe('5');
    // The network really is off for the worker too: what it has not cached does not load.
    expect(await w.page.evaluate(() => fetch('/assets/not-cached.js').then(() => 'loaded', () => 'failed'))).toBe('failed');
    expect(await hs().select().from(scans).where(eq(scans.checkpointId, checkpointId))).toHaveLength(2);
    expect(w.pageErrors).toEqual([]);
  });

  it('back online: syncs every queued scan exactly once (even sent again), into scansPerCheckpoint and the access log', async () => {
    // What a phone that lost the answers would send again: the queue as it is now.
    const copy = await w.page.evaluate(
      () =>
        new Promise<unknown[]>((resolve) => {
          const req = indexedDB.open('hcg-verifier');
          req.onsuccess = () => {
            const all = req.result.transaction('queue').objectStore('queue').getAll();
            all.onsuccess = () => resolve(all.result);
          };
        }),
    );
    expect(copy).toHaveLength(5);
    await context.setOffline(false);
    await w.page.waitForSelector('[data-testid=queue-size]:text-is("0")', { timeout: 20_000 });
    expect(await w.page.locator('[data-testid=sync-note]').textContent()).toContain('已同步 5');
    const recorded = () => hs().select().from(scans).where(eq(scans.checkpointId, checkpointId));
    expect(await recorded()).toHaveLength(2 + 4 + 4);

    // Sent again: nothing new is recorded.
    await w.page.evaluate(
      (items) =>
        new Promise<void>((resolve) => {
          const req = indexedDB.open('hcg-verifier');
          req.onsuccess = () => {
            const tx = req.result.transaction('queue', 'readwrite');
            for (const item of items) tx.objectStore('queue').add(item);
            tx.oncomplete = () => resolve();
          };
        }),
      copy,
    );
    await w.page.reload();
    await w.page.waitForSelector('[data-testid=sync-note]:has-text("已同步 5")');
    await w.page.waitForSelector('[data-testid=queue-size]:text-is("0")');
    const rows = await recorded();
    expect(rows).toHaveLength(10);
    // The phone's scan time, the server's time of recording, the verdicts the server made.
    const queuedRows = rows.filter((r) => r.clientScanId && r.recordedAt);
    expect(queuedRows).toHaveLength(8);
    expect(queuedRows.map((r) => r.reason).sort()).toEqual([null, null, null, null, 'BAD_SIGNATURE', 'EXPIRED', 'REVOKED', 'YELLOW'].sort());
    expect(queuedRows.every((r) => Date.parse(r.at) === T)).toBe(true);
    const [car] = await hs().select().from(roadChecks).where(eq(roadChecks.checkpointId, checkpointId));
    expect(car).toMatchObject({ plate: '桂G12345', people: 4, green: 3, yellow: 1, red: 0, unreadable: 0, pass: false });
    expect(rows.filter((r) => r.roadCheckId === car!.id)).toHaveLength(4);

    // Five passed and five refused: no count small enough to hide.
    expect(await scanCount()).toBe(10);
    const log = await t.gql<{ me: { accessLog: { edges: { node: { role: string; organisation: string; action: string } }[] } } }>(
      cameraResident.caller,
      '{ me { accessLog { edges { node { role organisation action } } } } }',
    );
    expect(log.errors).toBeUndefined();
    expect(log.data!.me.accessLog.edges.map((e) => e.node).filter((n) => n.organisation === CHECKPOINT)).toHaveLength(1);
    expect(w.pageErrors).toEqual([]);
  });

  it('refuses to verify offline once its keys are older than the limit, and says how old they are', async () => {
    await context.setOffline(true);
    await context.clock.setFixedTime(new Date(T + 25 * 60 * MIN));
    await w.page.reload();
    await w.page.waitForSelector('[data-testid=keys-age][data-stale=true]');
    expect(await w.page.locator('[data-testid=keys-age]').textContent()).toContain('25 小时');
    await typeCode(w.page, tokens.camera);
    await w.page.waitForSelector('[data-testid=verdict][data-reason=STALE_KEYS]');
    await expect.poll(() => queueSize(w.page).textContent()).toBe('0');
    await context.setOffline(false);
    await context.clock.setFixedTime(new Date(T));
  });

  it('has no serious accessibility violations, signed out or in', async () => {
    // axe is injected as an inline script, which the page's CSP forbids: a context of its own without CSP.
    const a11y = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', bypassCSP: true });
    await a11y.clock.setFixedTime(new Date(T));
    const page = await a11y.newPage();
    await page.goto(`${origin}/verifier/`);
    await page.waitForSelector('input[name=key]');
    await expectNoSeriousViolations(page);
    await page.fill('input[name=key]', checkpointKey);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=keys-age][data-stale=false]');
    await page.check('input[name=mode][value=road]');
    await typeCode(page, tokens.car[3]!);
    await page.waitForSelector('[data-testid=verdict]');
    await expectNoSeriousViolations(page);
    await a11y.close();
  });
});
