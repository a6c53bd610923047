import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentId } from '../factories/people.js';
import { expectNoSeriousViolations } from '../helpers/axe.js';
import { browserAvailable, launchChromium, phonePage, screenshot } from '../helpers/browser.js';
import { designateApproved } from '../helpers/designations.js';
import { newResident } from '../helpers/people.js';
import { startTestStack, TestClock, type TestStack } from '../helpers/stack.js';

const BULK = 'mutation($input: DesignateRisksInput!) { designateRisks(input: $input) { batchId } }';
const NAMES = ['覃小红', '韦大成', '黄丽', '蒙强', '陆一'];

describe.runIf(browserAvailable())('the transparency report page in Chromium', () => {
  let t: TestStack;
  let browser: Browser;
  let origin: string;
  const clock = new TestClock(Date.parse('2026-11-27T10:00:00+08:00'));

  beforeAll(async () => {
    t = await startTestStack({}, { clock });
    origin = new URL(t.stack.gateway.url).origin;
    browser = await launchChromium();
    // Five close contacts on one list, approved by a second officer: 5 made, 5 approved (published);
    // one of them appeals (1: withheld).
    const people = [];
    for (const name of NAMES) {
      const documentNumber = residentId();
      people.push({ ...(await newResident(t, 'dev-channel-wechat-zzg', { documentNumber, name })), documentNumber });
    }
    const made = await designateApproved(t, BULK, { input: { kind: 'CLOSE_CONTACT', since: clock.now().toISOString(), documents: people.map((p) => ({ number: p.documentNumber })) } });
    expect(made.errors).toBeUndefined();
    const appeal = await t.gql(people[0]!.caller, 'mutation($input: FileAppealInput!) { fileAppeal(input: $input) { id } }', { input: { personId: people[0]!.id, reasonCode: 'R_CLOSE_CONTACT', statement: '当天我不在南宁' } });
    expect(appeal.errors).toBeUndefined();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the counts of a day to anyone, <5 for a small one, no person, and axe finds no serious violation', async () => {
    // axe-core goes in as an inline script, which the page's CSP (script-src 'self') would refuse.
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'zh-CN', bypassCSP: true });
    const w = await phonePage(context);
    await w.page.goto(`${origin}/transparency/`);
    await w.page.fill('input[name=from]', '2026-11-27');
    await w.page.fill('input[name=to]', '2026-11-27');
    await w.page.click('button[type=submit]');
    const row = w.page.locator('tr[data-day="2026-11-27"][data-kind=CLOSE_CONTACT]');
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(['2026-11-27', '密切接触者（红）', '流调报告', '南宁市卫生健康委员会', '5', '5', '0', '0', '<5', '0']);
    const text = (await w.page.locator('body').textContent())!;
    for (const name of NAMES) expect(text).not.toContain(name);
    expect(text).not.toContain('gx-cdc-demo');
    // Everything came from the gateway itself: no CDN, no key.
    expect(w.requests.every((u) => u.startsWith(origin))).toBe(true);
    expect(w.pageErrors).toEqual([]);
    await expectNoSeriousViolations(w.page);
    await screenshot(w.page, 'transparency.png');
    await context.close();
  });
});
