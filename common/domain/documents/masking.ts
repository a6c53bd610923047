import type { DocumentType } from './index.js';

/**
 * Masked values are what checkpoints, call-centre screens and partner dashboards show, so each rule
 * keeps just enough for a person to recognise their own record and never enough to re-identify
 * someone else. Masks keep the original length so that a masked value still looks like its kind.
 */

const stars = (n: number): string => '*'.repeat(Math.max(0, n));

function keepEnds(value: string, head: number, tail: number): string {
  return value.slice(0, head) + stars(value.length - head - tail) + value.slice(value.length - tail);
}

/**
 * Resident IDs keep the address code and the last 4 (the usual "ID ending in …" check) and hide the
 * birth date. Other documents keep 2 + 3 characters, or 1 + 2 when the number is 8 or shorter, so at
 * least half stays hidden; numbers of 4 or fewer characters are hidden completely.
 */
export function maskDocumentNumber(type: DocumentType, number: string): string {
  if (type === 'RESIDENT_ID' && number.length === 18) return keepEnds(number, 6, 4);
  if (number.length <= 4) return stars(number.length);
  return number.length <= 8 ? keepEnds(number, 1, 2) : keepEnds(number, 2, 3);
}

/**
 * Keeps the first character, which for a Chinese name is (the first character of) the surname, and
 * stars out every other character but spaces, so the shape of a Latin name survives without its
 * letters. Characters are counted as code points, so names with rare Han characters outside the BMP
 * (e.g. 𠮷) mask to the right length.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.normalize('NFC').trim());
  if (chars.length <= 1) return stars(chars.length);
  return chars.map((c, i) => (i === 0 || /\s/.test(c) ? c : '*')).join('');
}

const MOBILE = /^1[3-9]\d{9}$/;

/**
 * Mainland mobiles keep the carrier prefix and the last 4 (138****1234), the form people know from
 * bank and operator messages. Anything else keeps only its last 4, or nothing when shorter than 7.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[\s-]/g, '').replace(/^(\+|00)86(?=1\d{10}$)/, '');
  if (MOBILE.test(digits)) return keepEnds(digits, 3, 4);
  return digits.length >= 7 ? keepEnds(digits, 0, 4) : stars(digits.length);
}
