import { BadUserInputError } from '../../../common/errors.js';

/**
 * The code prefix a GB/T 2260 code stands for when listing by region: a province (`450000`) covers
 * `45`, a city (`450100`) `4501`, a county (`450103`) itself.
 */
export function regionPrefix(code: string): string {
  if (!/^\d{6}$/.test(code)) throw new BadUserInputError('region must be a 6-digit GB/T 2260 code', { field: 'region', reason: 'BAD_REGION' });
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}
