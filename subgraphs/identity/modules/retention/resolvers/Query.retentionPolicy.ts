import { retentionRules } from '../../../../../common/domain/retention.js';
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

/** The configured policy: configuration, no read of any table. */
export const retentionPolicy: NonNullable<QueryResolvers['retentionPolicy']> = (_root, _args, ctx) => ({ rules: retentionRules(ctx.retentionPolicy) });
