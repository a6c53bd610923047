import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../common/platform/logger.js';
import { startStack } from '../../scripts/stack.js';
import { createTestDatabase } from '../helpers/db.js';
import { browserAvailable, launchChromium, phonePage } from '../helpers/browser.js';
import { startTestStack, testConfig, type TestStack } from '../helpers/stack.js';

const HTML = { accept: 'text/html,application/xhtml+xml' };

describe('the development explorer at /graphql', () => {
  let t: TestStack;
  let origin: string;
  beforeAll(async () => {
    t = await startTestStack();
    origin = new URL(t.stack.gateway.url).origin;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers a browser with GraphiQL whose assets it serves itself', async () => {
    const page = await fetch(t.stack.gateway.url, { headers: HTML });
    expect(page.status).toBe(200);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(['/explorer/graphiql.css', '/explorer/react.js', '/explorer/react-dom.js', '/explorer/graphiql.js', '/explorer/start.js']);
    for (const a of assets) {
      const res = await fetch(`${origin}${a}`);
      expect(res.status, a).toBe(200);
      // Read to the end: an unread body keeps its connection busy, and the gateway's close waits for it.
      expect((await res.arrayBuffer()).byteLength, a).toBeGreaterThan(0);
    }
    // GraphQL over GET still works for clients that do not ask for HTML.
    const get = await fetch(`${t.stack.gateway.url}?query=${encodeURIComponent('{ channels { code } }')}`, { headers: { 'x-api-key': 'hcg_dev_authority', 'apollo-require-preflight': 'true' } });
    expect(((await get.json()) as { data: { channels: unknown[] } }).data.channels.length).toBeGreaterThan(0);
  });

  describe.runIf(browserAvailable())('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('renders GraphiQL with nothing loaded from elsewhere', async () => {
      const context = await browser.newContext();
      const w = await phonePage(context);
      await w.page.goto(t.stack.gateway.url);
      await w.page.waitForSelector('.graphiql-container', { timeout: 30_000 });
      expect(w.requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
      await context.close();
    });
  });

  it('is off in production', async () => {
    const config = { ...testConfig(), production: true };
    const database = await createTestDatabase();
    const stack = await startStack({ config, logger: createLogger('silent'), connection: database.connection, ephemeralPorts: true });
    try {
      const res = await fetch(stack.gateway.url, { headers: HTML });
      expect(res.headers.get('content-type') ?? '').not.toContain('text/html');
      expect((await fetch(new URL('/explorer/graphiql.js', stack.gateway.url))).status).toBe(404);
    } finally {
      await stack.close();
      await database.drop();
    }
  });
});
