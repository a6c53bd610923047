import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { deleteMyAccount as deleteAccount } from '../account-deletion.service.js';

export const deleteMyAccount: NonNullable<MutationResolvers['deleteMyAccount']> = (_root, _args, ctx) => deleteAccount(ctx);
