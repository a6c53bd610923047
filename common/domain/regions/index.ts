import { GUANGXI_REGION_ROWS } from './data.js';

export type RegionLevel = 'PROVINCE' | 'PREFECTURE' | 'COUNTY';

export interface Region {
  name: string;
  level: RegionLevel;
  parent: string | null;
}

export const GUANGXI = '450000';

/**
 * The 34 province-level divisions of GB/T 2260, keyed by their 6-digit code. Taiwan (71), Hong Kong
 * (81) and Macao (82) are included because the standard lists them and resident IDs may carry them.
 */
export const PROVINCES: ReadonlyMap<string, string> = new Map([
  ['110000', '北京市'],
  ['120000', '天津市'],
  ['130000', '河北省'],
  ['140000', '山西省'],
  ['150000', '内蒙古自治区'],
  ['210000', '辽宁省'],
  ['220000', '吉林省'],
  ['230000', '黑龙江省'],
  ['310000', '上海市'],
  ['320000', '江苏省'],
  ['330000', '浙江省'],
  ['340000', '安徽省'],
  ['350000', '福建省'],
  ['360000', '江西省'],
  ['370000', '山东省'],
  ['410000', '河南省'],
  ['420000', '湖北省'],
  ['430000', '湖南省'],
  ['440000', '广东省'],
  ['450000', '广西壮族自治区'],
  ['460000', '海南省'],
  ['500000', '重庆市'],
  ['510000', '四川省'],
  ['520000', '贵州省'],
  ['530000', '云南省'],
  ['540000', '西藏自治区'],
  ['610000', '陕西省'],
  ['620000', '甘肃省'],
  ['630000', '青海省'],
  ['640000', '宁夏回族自治区'],
  ['650000', '新疆维吾尔自治区'],
  ['710000', '台湾省'],
  ['810000', '香港特别行政区'],
  ['820000', '澳门特别行政区'],
]);

/** Provinces our partner channels and mutual-recognition agreements are named after. */
export const PARTNER_PROVINCES = {
  GUANGDONG: '440000',
  GUIZHOU: '520000',
  ZHEJIANG: '330000',
  CHONGQING: '500000',
  HAINAN: '460000',
  HUNAN: '430000',
} as const;

/** The 2-digit prefixes a resident ID may start with, in GB/T 2260 order. */
export const PROVINCE_CODES: readonly string[] = Object.freeze([...PROVINCES.keys()].map((code) => code.slice(0, 2)));

const PROVINCE_PREFIXES: ReadonlySet<string> = new Set(PROVINCE_CODES);

/**
 * The 6-digit province code for any code that begins with a known 2-digit province prefix (a
 * region code, a resident ID), or null. Only the prefix is looked at, so retired county codes still
 * resolve to their province.
 */
export function provinceOf(code: string): string | null {
  const prefix = code.slice(0, 2);
  return /^\d{2}$/.test(prefix) && PROVINCE_PREFIXES.has(prefix) ? `${prefix}0000` : null;
}

/** The level a 6-digit code names: `xx0000` a province, `xxxx00` a prefecture-level city, else a county. */
export function levelOf(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'PROVINCE';
  return code.endsWith('00') ? 'PREFECTURE' : 'COUNTY';
}

/** How many leading digits of a code its level keeps: every code inside a region starts with them. */
export const PREFIX_LENGTH: Readonly<Record<RegionLevel, 2 | 4 | 6>> = { PROVINCE: 2, PREFECTURE: 4, COUNTY: 6 };

function parentOf(code: string, level: RegionLevel): string | null {
  if (level === 'PROVINCE') return null;
  return level === 'PREFECTURE' ? `${code.slice(0, 2)}0000` : `${code.slice(0, 4)}00`;
}

export const GUANGXI_REGIONS: ReadonlyMap<string, Readonly<Region>> = new Map(
  GUANGXI_REGION_ROWS.map(([code, name]) => {
    const level = levelOf(code);
    return [code, Object.freeze({ name, level, parent: parentOf(code, level) })] as const;
  }),
);

/** True for the region itself, any of its prefecture-level cities and any current county-level unit. */
export function isGuangxiRegion(code: string): boolean {
  return GUANGXI_REGIONS.has(code);
}

/** True only for a current county-level unit (district, county, county-level city) of Guangxi. */
export function isGuangxiCounty(code: string): boolean {
  return GUANGXI_REGIONS.get(code)?.level === 'COUNTY';
}

/** The Chinese name of a Guangxi division or of any province; undefined for anything else. */
export function regionName(code: string): string | undefined {
  return GUANGXI_REGIONS.get(code)?.name ?? PROVINCES.get(code);
}

/**
 * A plausible GB/T 2260 code anywhere in the country: six digits under a known province. Outside
 * Guangxi we do not keep the county list, so this is the check for other provinces' places.
 */
export function isNationalRegionCode(code: string): boolean {
  return /^\d{6}$/.test(code) && provinceOf(code) !== null;
}

/** A province-level code (`440000`), as partners and arrivals are named by. */
export function isProvinceCode(code: string): boolean {
  return PROVINCES.has(code);
}
