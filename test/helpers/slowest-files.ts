import { relative } from 'node:path';
import type { Reporter, TestModule, Vitest } from 'vitest/node';

/** How many of the slowest files a run lists. */
export const SLOWEST = 10;

/**
 * Lists the run's slowest test files before the summary, so where the suite's time goes is in
 * every run's log (CI's too) and a file that grew slow is seen when it does, not when someone
 * measures. The time is the file's own: import and set-up plus its tests and hooks.
 */
export default class SlowestFiles implements Reporter {
  private root = process.cwd();

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const rows = testModules
      .map((m) => {
        const d = m.diagnostic();
        return { file: relative(this.root, m.moduleId), project: m.project.name, ms: d.duration + d.setupDuration + d.collectDuration };
      })
      .filter((r) => r.ms > 0)
      .sort((a, b) => b.ms - a.ms)
      .slice(0, SLOWEST);
    if (rows.length === 0) return;
    const lines = rows.map((r) => `${(r.ms / 1000).toFixed(1).padStart(8)} s  ${r.file} [${r.project}]`);
    process.stdout.write(`\n Slowest ${rows.length} test files\n${lines.join('\n')}\n`);
  }
}
