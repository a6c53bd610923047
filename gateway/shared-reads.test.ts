import { describe, expect, it } from 'vitest';
import type { Principal } from '../common/domain/principal.js';
import { InFlightReads, sharedReadKey } from './shared-reads.js';

const dashboard: Principal = { kind: 'dashboard', subject: 'ops-dashboard', scopes: ['dashboard'] };

describe(sharedReadKey.name, () => {
  const key = (p: Principal, variables: unknown = { level: 'CITY' }, hash = 'h1') => sharedReadKey(p, hash, 'ColorCounts', variables);

  it.each<[string, Principal, unknown, string]>([
    ['another audience', { kind: 'authority', subject: 'gx-cdc', scopes: ['authority'] }, { level: 'CITY' }, 'h1'],
    ['other scopes (what edge authorization removes)', { ...dashboard, scopes: ['dashboard', 'authority'] }, { level: 'CITY' }, 'h1'],
    ['other variables', dashboard, { level: 'COUNTY' }, 'h1'],
    ['another operation', dashboard, { level: 'CITY' }, 'h2'],
  ])('differs for %s', (_what, principal, variables, hash) => {
    expect(key(principal, variables, hash)).not.toBe(key(dashboard));
  });

  it('is the same for another subject of the same kind and scopes, and for variables in another key order', () => {
    expect(key({ ...dashboard, subject: 'session-2', scopes: ['dashboard', 'dashboard'] }, { b: 1, a: [2, { d: 1, c: 2 }] })).toBe(
      key(dashboard, { a: [2, { c: 2, d: 1 }], b: 1 }),
    );
  });
});

describe(InFlightReads.name, () => {
  it('hands the first answer to the requests that joined, then forgets it', async () => {
    const reads = new InFlightReads();
    expect(reads.join('k')).toBeUndefined();
    const settle = reads.lead('k');
    const followers = [reads.join('k'), reads.join('k')];
    expect(reads.join('other')).toBeUndefined();
    settle('{"data":{}}');
    expect(await Promise.all(followers)).toEqual(['{"data":{}}', '{"data":{}}']);
    expect(reads.size).toBe(0);
    expect(reads.join('k')).toBeUndefined();
  });

  it('hands a failure on as null, so that each follower runs on its own', async () => {
    const reads = new InFlightReads();
    const settle = reads.lead('k');
    const follower = reads.join('k');
    settle(null);
    expect(await follower).toBeNull();
  });
});
