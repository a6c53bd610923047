import { existsSync, mkdirSync } from 'node:fs';
import jsQRModule from 'jsqr';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PNG } from 'pngjs';

// jsqr is CommonJS with types for an ES default export: under NodeNext the module itself is the function.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

/** Debian's chromium (`.ci/run` installs it); the tests drive it through playwright-core, no downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Screenshots are test artifacts (test-results/, ignored by git); `UPDATE_SCREENSHOTS=1` writes them
 * over the ones the README shows, so an ordinary run never dirties the tree.
 */
export const SCREENSHOTS = new URL(process.env.UPDATE_SCREENSHOTS === '1' ? '../../docs/screenshots/' : '../../test-results/screenshots/', import.meta.url);

/**
 * Whether the browser suites run. In CI a missing chromium fails the run; elsewhere the suite is
 * skipped with a loud message, so `npm test` still passes on a machine without a browser.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (see .ci/run)`);
  console.warn(`\n!!! ${CHROMIUM} not found: the browser tests of the pages are SKIPPED (apt-get install chromium to run them) !!!\n`);
  return false;
}

/** `extraArgs`: flags of one suite's own, such as the verifier's fake camera. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs],
  });
}

export interface WatchedPage {
  page: Page;
  /** Every URL the page requested (documents, scripts, styles, images, fetches). */
  requests: string[];
  /** Errors thrown by the page's scripts. */
  pageErrors: string[];
}

/** A phone-sized page (320 px wide unless told otherwise) that records every request it makes. */
export async function phonePage(context: BrowserContext): Promise<WatchedPage> {
  const page = await context.newPage();
  const requests: string[] = [];
  const pageErrors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { page, requests, pageErrors };
}

/** Decodes the QR code in a PNG screenshot (jsQR over pngjs' pixels). */
export function decodeQr(png: Buffer): string | undefined {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.byteLength), img.width, img.height)?.data;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: new URL(name, SCREENSHOTS).pathname, fullPage: true });
}
