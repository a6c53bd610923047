import { describe, expect, it } from 'vitest';
import { partnerGreenCovers } from './partners.js';

describe(partnerGreenCovers.name, () => {
  it.each([
    ['an arrival from the partner', [['440000']], true],
    ['no arrival declared', [], true],
    ['an arrival without a province', [[]], true],
    ['an arrival from another province', [['520000']], false],
    ['arrivals from the partner and from another', [['440000'], ['520000']], false],
    ['two provinces the same day', [['440000', '520000']], false],
  ] as const)('%s', (_label, arrivals, covers) => {
    expect(partnerGreenCovers('440000', arrivals)).toBe(covers);
  });
});
