import { BadUserInputError } from '../../../common/platform/errors.js';
import { levelOf, PREFIX_LENGTH } from '../../../common/domain/regions/index.js';

/**
 * The code prefix a GB/T 2260 code stands for when listing by region: a province (`450000`) covers
 * `45`, a city (`450100`) `4501`, a county (`450103`) itself.
 */
export function regionPrefix(code: string): string {
  if (!/^\d{6}$/.test(code)) throw new BadUserInputError('region must be a 6-digit GB/T 2260 code', { field: 'region', reason: 'BAD_REGION' });
  return code.slice(0, PREFIX_LENGTH[levelOf(code)]);
}
