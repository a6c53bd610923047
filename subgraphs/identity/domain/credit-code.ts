/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character
 * alphabet (digits and capital letters without I, O, Z, S, V, which read like digits), the last a
 * MOD 31 check character over the first 17 with weights 3^i mod 31.
 *
 *   9  1  450100  MA5KXXXXX  K
 *   |  |  |       |          check character
 *   |  |  |       organisation code (9)
 *   |  |  registering authority's region (GB/T 2260)
 *   |  kind of organisation
 *   registration authority (1 organisation-code office, 5 civil affairs, 9 industry and commerce, Y other…)
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/;

export type CreditCodeProblem = 'BAD_FORMAT' | 'BAD_CHECK_CHARACTER';

/** The check character for the first 17 characters (which must be from the alphabet). */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17[i] ?? '');
    if (v < 0) throw new Error(`not a credit code character: ${first17[i]}`);
    sum += v * WEIGHTS[i]!;
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Normalises (spaces removed, capitals) and validates a code: the code, or what is wrong with it. */
export function validateCreditCode(raw: string): { ok: true; code: string } | { ok: false; reason: CreditCodeProblem; message: string } {
  const code = raw.replace(/\s+/g, '').toUpperCase();
  if (!SHAPE.test(code)) {
    return { ok: false, reason: 'BAD_FORMAT', message: 'A unified social credit code is 18 characters: digits and capital letters except I, O, Z, S and V' };
  }
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) {
    return { ok: false, reason: 'BAD_CHECK_CHARACTER', message: 'The check character of this unified social credit code is wrong (GB 32100)' };
  }
  return { ok: true, code };
}
