import { v7 as uuidv7 } from 'uuid';
import { BadUserInputError } from './errors.js';

/** Time-ordered UUIDs (v7): ids stay unique across processes and keep B-tree inserts local. */
export const newId = (): string => uuidv7();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(v: string): boolean {
  return UUID.test(v);
}

/** Refuses an id that cannot be one of ours before it reaches SQL. */
export function assertId(v: string, field: string): string {
  if (!isUuid(v)) throw new BadUserInputError(`${field} is not a valid id`, { field, reason: 'BAD_ID' });
  return v.toLowerCase();
}
