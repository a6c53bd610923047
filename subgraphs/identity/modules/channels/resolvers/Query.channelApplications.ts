import { pageSize } from '../../../../../common/platform/pagination.js';
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const channelApplications: NonNullable<QueryResolvers['channelApplications']> = (_root, { status, first }, ctx) => ctx.repo.channels.applications(status ?? null, pageSize(first, 50));
