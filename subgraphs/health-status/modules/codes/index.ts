import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { ColorReason } from './resolvers/ColorReason.js';
import { HealthCode } from './resolvers/HealthCode.js';
import { healthCode } from './resolvers/Person.healthCode.js';

/** Codes: the stored colour, read by key and signed as a token; kept by writes and the daily rollover. */
export const codesModule: Resolvers = { Person: { healthCode }, HealthCode, ColorReason };
