import { instantWindow } from '../../../../../common/domain/windows.js';
import type { PersonResolvers } from '../../../__generated__/resolvers-types.js';

/** A person's own visits: the person, their guardians (audited) and the health authority (audited). */
export const placeVisits: NonNullable<PersonResolvers['placeVisits']> = async (person, args, ctx) => {
  await ctx.access.assertMayRead(person.id, "this person's place visits");
  const [from, to] = instantWindow(args.from, args.to);
  const first = Math.min(Math.max(args.first ?? 50, 1), 100);
  return ctx.repo.places.visitsOf(person.id, from, to, first);
};
