import { decodeCursor, pageSize, toPage } from '../../../../../common/platform/pagination.js';
import type { PersonResolvers } from '../../../__generated__/resolvers-types.js';

/** A person's declarations are for the person, their guardians and the health authority. */
export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  declarations: async (person, args, ctx) => {
    await ctx.access.assertMayRead(person.id, "this person's declarations");
    const size = pageSize(args.first);
    const [before] = decodeCursor(args.after, ['date']) ?? [];
    const rows = await ctx.repo.declarations.currentOf(person.id, size + 1, before);
    return toPage(rows, size, (r) => [r.localDate]);
  },
  todayDeclaration: async (person, _args, ctx) => {
    await ctx.access.assertMayRead(person.id, "this person's declarations");
    return ctx.loaders.today.load(person.id);
  },
};
