import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** axe-core's browser bundle, from node_modules by path: brought in by the test, never served by us. */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core (WCAG 2.x A and AA rules and axe's best practices) on what the page shows now and
 * returns the serious and critical violations, each with the selectors of the nodes at fault.
 * `include` limits the run to part of the page (a CSS selector).
 */
export async function seriousViolations(page: Page, include?: string): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol rather than added as a <script>: the pages' CSP
  // (script-src 'self') rightly refuses an inline script, and the test must not weaken it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate((axeSource ??= readFileSync(AXE, 'utf8')));
  const violations = await page.evaluate(async (context) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(context ?? document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  }, include);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Fails the test with each serious or critical axe-core violation on the page (its rule, its help, its nodes). */
export async function expectNoSeriousViolations(page: Page, include?: string): Promise<void> {
  const found = await seriousViolations(page, include);
  expect(found, found.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.join(', ')}`).join('\n')).toEqual([]);
}
