import { describe, expect, it } from 'vitest';
import { regionPrefix } from './regions.js';

describe(regionPrefix.name, () => {
  it.each([
    ['450000', '45'],
    ['450100', '4501'],
    ['450103', '450103'],
  ])('%s covers %s', (code, prefix) => {
    expect(regionPrefix(code)).toBe(prefix);
  });

  it.each(['4501', '45010x', "45%' or 1=1"])('refuses %j', (code) => {
    expect(() => regionPrefix(code)).toThrow(/6-digit/);
  });
});
