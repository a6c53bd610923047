import { describe, expect, it } from 'vitest';
import { GUANGXI, isNationalRegionCode, levelOf, provinceOf, PROVINCES } from './index.js';
import { PREFECTURE_ROWS } from './prefectures.js';

describe('PREFECTURE_ROWS', () => {
  it('are prefecture-level codes of provinces other than Guangxi, each once, in code order', () => {
    const codes = PREFECTURE_ROWS.map(([code]) => code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
    for (const code of codes) {
      expect(levelOf(code), code).toBe('PREFECTURE');
      expect(isNationalRegionCode(code), code).toBe(true);
      expect(provinceOf(code), code).not.toBe(GUANGXI);
    }
  });

  it.each([
    ['440300', '深圳市'],
    ['440100', '广州市'],
    ['520100', '贵阳市'],
    ['532900', '大理白族自治州'],
    ['152900', '阿拉善盟'],
  ])('%s is %s', (code, name) => {
    expect(PREFECTURE_ROWS.find(([c]) => c === code)?.[1]).toBe(name);
  });

  it('leaves out the municipalities, picked as provinces, and the placeholders 市辖区 and 县', () => {
    for (const municipality of ['11', '12', '31', '50']) expect(PREFECTURE_ROWS.some(([c]) => c.startsWith(municipality))).toBe(false);
    expect(PREFECTURE_ROWS.some(([, name]) => /^(市辖区|县|.*直辖县级行政区划)$/.test(name))).toBe(false);
    expect(PROVINCES.get('440000')).toBe('广东省');
  });
});
