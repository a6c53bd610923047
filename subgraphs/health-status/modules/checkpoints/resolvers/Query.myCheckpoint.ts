import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';
import { callingCheckpoint } from '../scans.service.js';

export const myCheckpoint: NonNullable<QueryResolvers['myCheckpoint']> = (_root, _args, ctx) => callingCheckpoint(ctx);
