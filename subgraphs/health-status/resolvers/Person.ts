import { NotFoundError } from '../../../common/errors.js';
import { decodeCursor, pageSize, toPage } from '../../../common/pagination.js';
import type { PersonResolvers } from '../__generated__/resolvers-types.js';
import { window } from '../services/window.js';
import { auditRows } from './audit.js';

export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  healthCode: async (person, _args, ctx) => {
    await ctx.access.assertMayRead(person.id, "this person's code");
    const view = await ctx.loaders.codes.load(person.id);
    if (!view) throw new NotFoundError('This person has no health code yet', { reason: 'UNKNOWN_PERSON' });
    return view;
  },
  // Lists stay bounded (SPEC §7); the loaders answer newest first.
  riskDesignations: async (person, args, ctx) => {
    const rows = (await ctx.loaders.designations.load(person.id)).slice(0, pageSize(args.first, 50));
    auditRows(ctx, [{ personId: person.id }], 'riskDesignations');
    return rows;
  },
  scans: async (person, args, ctx) => {
    const [from, to] = window(args.from, args.to);
    const size = pageSize(args.first, 50);
    const after = decodeCursor(args.after, ['timestamp', 'uuid']);
    const rows = await ctx.repo.scansIn({ personId: person.id }, from, to, size + 1, after);
    auditRows(ctx, [{ personId: person.id }], 'scans');
    return toPage(rows, size, (r) => [r.at, r.id]);
  },
  appeals: async (person, args, ctx) => {
    const size = pageSize(args.first, 20);
    await ctx.access.assertMayRead(person.id, "this person's appeals");
    return (await ctx.loaders.appeals.load(person.id)).slice(0, size);
  },
  paperCodes: async (person, args, ctx) => {
    const size = pageSize(args.first, 20);
    await ctx.access.assertMayRead(person.id, "this person's paper codes");
    return (await ctx.loaders.paperCodes.load(person.id)).slice(0, size);
  },
};
