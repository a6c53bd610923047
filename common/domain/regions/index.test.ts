import { describe, expect, it } from 'vitest';
import {
  GUANGXI_REGIONS,
  PARTNER_PROVINCES,
  PROVINCE_CODES,
  PROVINCES,
  isGuangxiCounty,
  isGuangxiRegion,
  isNationalRegionCode,
  isProvinceCode,
  provinceOf,
  regionName,
} from './index.js';

const regions = [...GUANGXI_REGIONS];
const countiesOf = (prefecture: string) => regions.filter(([, r]) => r.parent === prefecture);

describe('GUANGXI_REGIONS', () => {
  it('holds the region, 14 prefecture-level cities and 111 county-level units', () => {
    expect(regions.filter(([, r]) => r.level === 'PROVINCE').map(([code]) => code)).toEqual(['450000']);
    expect(regions.filter(([, r]) => r.level === 'PREFECTURE')).toHaveLength(14);
    expect(regions.filter(([, r]) => r.level === 'COUNTY')).toHaveLength(111);
  });

  it.each([
    ['450100', '南宁市', 12],
    ['450200', '柳州市', 10],
    ['450300', '桂林市', 17],
    ['450400', '梧州市', 7],
    ['450500', '北海市', 4],
    ['450600', '防城港市', 4],
    ['450700', '钦州市', 4],
    ['450800', '贵港市', 5],
    ['450900', '玉林市', 7],
    ['451000', '百色市', 12],
    ['451100', '贺州市', 5],
    ['451200', '河池市', 11],
    ['451300', '来宾市', 6],
    ['451400', '崇左市', 7],
  ])('%s %s has %i county-level units', (code, name, count) => {
    expect(GUANGXI_REGIONS.get(code)).toEqual({ name, level: 'PREFECTURE', parent: '450000' });
    expect(countiesOf(code)).toHaveLength(count);
  });

  it.each([
    ['450102', '兴宁区', '450100'],
    ['450103', '青秀区', '450100'],
    ['450105', '江南区', '450100'],
    ['450107', '西乡塘区', '450100'],
    ['450108', '良庆区', '450100'],
    ['450109', '邕宁区', '450100'],
    ['450110', '武鸣区', '450100'],
    ['450123', '隆安县', '450100'],
    ['450124', '马山县', '450100'],
    ['450125', '上林县', '450100'],
    ['450126', '宾阳县', '450100'],
    ['450181', '横州市', '450100'],
    ['450205', '柳北区', '450200'],
    ['450206', '柳江区', '450200'],
    ['450312', '临桂区', '450300'],
    ['450381', '荔浦市', '450300'],
    ['450406', '龙圩区', '450400'],
    ['450512', '铁山港区', '450500'],
    ['450681', '东兴市', '450600'],
    ['450881', '桂平市', '450800'],
    ['451002', '右江区', '451000'],
    ['451003', '田阳区', '451000'],
    ['451081', '靖西市', '451000'],
    ['451082', '平果市', '451000'],
    ['451103', '平桂区', '451100'],
    ['451203', '宜州区', '451200'],
    ['451381', '合山市', '451300'],
    ['451481', '凭祥市', '451400'],
  ])('%s %s belongs to %s', (code, name, parent) => {
    expect(GUANGXI_REGIONS.get(code)).toEqual({ name, level: 'COUNTY', parent });
  });

  it('gives every county-level unit a parent in the table and a district, county or city name', () => {
    for (const [code, region] of regions.filter(([, r]) => r.level === 'COUNTY')) {
      expect(GUANGXI_REGIONS.get(region.parent ?? '')?.level, code).toBe('PREFECTURE');
      expect(region.name, code).toMatch(/[区县市]$/);
    }
  });

  it.each(['450127', '450221', '450331', '450404', '451021', '451023', '451025', '451281'])(
    'leaves out the retired code %s',
    (code) => {
      expect(GUANGXI_REGIONS.has(code)).toBe(false);
    },
  );
});

describe(isGuangxiRegion.name, () => {
  it.each([
    ['450000', true],
    ['450100', true],
    ['450103', true],
    ['451481', true],
    ['450127', false],
    ['440100', false],
    ['45010', false],
    ['4501030', false],
    ['', false],
  ])('%j → %s', (code, expected) => {
    expect(isGuangxiRegion(code)).toBe(expected);
  });
});

describe(isGuangxiCounty.name, () => {
  it.each([
    ['450103', true],
    ['451481', true],
    ['450100', false],
    ['450000', false],
    ['440304', false],
  ])('%j → %s', (code, expected) => {
    expect(isGuangxiCounty(code)).toBe(expected);
  });
});

describe(regionName.name, () => {
  it.each([
    ['450103', '青秀区'],
    ['451400', '崇左市'],
    ['450000', '广西壮族自治区'],
    ['440000', '广东省'],
    ['440304', undefined],
    ['999999', undefined],
  ])('%s → %s', (code, name) => {
    expect(regionName(code)).toBe(name);
  });
});

describe('PROVINCE_CODES', () => {
  it('lists the 34 GB/T 2260 province prefixes', () => {
    expect(PROVINCE_CODES).toEqual([
      '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
      '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
      '71', '81', '82',
    ]);
    expect(PROVINCES.size).toBe(34);
  });
});

describe('PARTNER_PROVINCES', () => {
  it.each([
    ['GUANGDONG', '440000', '广东省'],
    ['GUIZHOU', '520000', '贵州省'],
    ['ZHEJIANG', '330000', '浙江省'],
    ['CHONGQING', '500000', '重庆市'],
    ['HAINAN', '460000', '海南省'],
    ['HUNAN', '430000', '湖南省'],
  ] as const)('%s is %s %s', (key, code, name) => {
    expect(PARTNER_PROVINCES[key]).toBe(code);
    expect(PROVINCES.get(code)).toBe(name);
  });
});

describe(provinceOf.name, () => {
  it.each([
    ['450103', '450000'],
    ['450127', '450000'],
    ['11010519491231002X', '110000'],
    ['820000', '820000'],
    ['990103', null],
    ['830000', null],
    ['00', null],
    ['4', null],
    ['', null],
  ])('%j → %s', (code, province) => {
    expect(provinceOf(code)).toBe(province);
  });
});

describe('national region codes', () => {
  it.each([
    ['440103', true],
    ['110105', true],
    ['440000', true],
    ['990101', false],
    ['44010', false],
    ['44A103', false],
  ])('%s is a national region code: %s', (code, expected) => {
    expect(isNationalRegionCode(code)).toBe(expected);
  });

  it.each([
    ['440000', true],
    ['450000', true],
    ['440100', false],
    ['990000', false],
  ])('%s is a province code: %s', (code, expected) => {
    expect(isProvinceCode(code)).toBe(expected);
  });
});
