import { ForbiddenError } from '../../../common/errors.js';
import type { IdentityContext } from '../context.js';

/** How the caller stands to a person; it decides what of that person the caller may see. */
export type Relation = 'SELF' | 'GUARDIAN' | 'AUTHORITY' | 'NONE';

export async function relationTo(ctx: IdentityContext, personId: string): Promise<Relation> {
  const { kind } = ctx.principal;
  if (kind === 'authority') return 'AUTHORITY';
  if (kind !== 'channel') return 'NONE';
  return (await ctx.viewerPersonId()) === personId ? 'SELF' : 'NONE';
}

/** Personal data is for the person, their guardians and the health authority; reads by others are refused. */
export async function assertMayRead(ctx: IdentityContext, personId: string, what = 'this person'): Promise<Relation> {
  const relation = await relationTo(ctx, personId);
  if (relation === 'NONE') throw new ForbiddenError(`Not allowed to read ${what}`, { reason: 'NOT_OWN_PERSON' });
  if (relation !== 'SELF') ctx.audit.record('READ_PERSON', personId, { relation });
  return relation;
}
