import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface LockedPackage {
  version?: string;
  dev?: boolean;
  engines?: { node?: string };
}

/** The lower bound a package's `engines.node` range puts on the major version, e.g. `>=22` → 22. */
function minimumNodeMajor(range: string): number {
  // A range with alternatives (`^20.19 || >=22`) accepts the lowest of them.
  const majors = range.split('||').map((part) => Number(/(\d+)/.exec(part)?.[1] ?? 0));
  return Math.min(...majors);
}

const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as { packages: Record<string, LockedPackage> };

describe('the runtime runs on Node 20 (package.json engines)', () => {
  it('reads a range by its lowest accepted major', () => {
    expect(minimumNodeMajor('>=22')).toBe(22);
    expect(minimumNodeMajor('>=22.15.0')).toBe(22);
    expect(minimumNodeMajor('^20.19.0 || ^22.13.0')).toBe(20);
    expect(minimumNodeMajor('>=18')).toBe(18);
  });

  it('installs no production package whose engines exclude Node 20', () => {
    // Development tools may need more (they run on the developer's machine); what production runs may not.
    const tooNew = Object.entries(lock.packages)
      .filter(([path, p]) => path && !p.dev && p.engines?.node && minimumNodeMajor(p.engines.node) > 20)
      .map(([path, p]) => `${path}@${p.version} (${p.engines?.node})`);
    expect(tooNew).toEqual([]);
  });
});
