import { and, eq, sql, type SQL } from 'drizzle-orm';
import { primaryKey, text, timestamp, uuid, type PgSchema } from 'drizzle-orm/pg-core';
import type { AuditCollector } from '../platform/audit.js';
import type { Database } from '../platform/db.js';
import { ForbiddenError } from '../platform/errors.js';
import type { EventHandlers } from '../platform/events/typed.js';
import type { Principal } from './principal.js';

/** How the caller stands to a person; it decides what of that person the caller may see or do. */
export type Relation = 'SELF' | 'GUARDIAN' | 'AUTHORITY' | 'NONE';

/** The calling channel user's person and the household members they act for. */
export interface Viewer {
  personId: string | null;
  dependents: ReadonlySet<string>;
}

export const NO_VIEWER: Viewer = { personId: null, dependents: new Set() };

/**
 * Access decisions for one request. Identity answers from its own tables; other subgraphs from a
 * projection of identity's events (`accessTables`), brought up to date before the request reads.
 */
export class Access {
  private viewerOnce: Promise<Viewer> | undefined;

  constructor(
    readonly principal: Principal,
    private readonly load: () => Promise<Viewer>,
    private readonly audit?: AuditCollector,
  ) {}

  viewer(): Promise<Viewer> {
    if (this.principal.kind !== 'channel') return Promise.resolve(NO_VIEWER);
    return (this.viewerOnce ??= this.load());
  }

  /** Takes a viewer this request has already read another way (identity's `me`), unless one is loading. */
  know(viewer: Viewer): void {
    if (this.principal.kind === 'channel') this.viewerOnce ??= Promise.resolve(viewer);
  }

  /** Forgets the memoised viewer after this request changed the household itself. */
  forget(): void {
    this.viewerOnce = undefined;
  }

  async relationTo(personId: string): Promise<Relation> {
    if (this.principal.kind === 'authority') return 'AUTHORITY';
    const viewer = await this.viewer();
    if (viewer.personId === personId) return 'SELF';
    return viewer.dependents.has(personId) ? 'GUARDIAN' : 'NONE';
  }

  /** Personal data is for the person, their guardians and the health authority. */
  async assertMayRead(personId: string, what = 'this person'): Promise<Relation> {
    const relation = await this.relationTo(personId);
    if (relation === 'NONE') throw new ForbiddenError(`Not allowed to read ${what}`, { reason: 'NOT_OWN_PERSON' });
    if (relation !== 'SELF') this.audit?.record('READ_PERSON', personId, { relation });
    return relation;
  }

  /** Acting for a person (declaring, appealing) is for the person and their guardians, through a channel. */
  async assertMayActFor(personId: string, what = 'act for this person'): Promise<'SELF' | 'GUARDIAN'> {
    const relation = await this.relationTo(personId);
    if (relation === 'SELF' || relation === 'GUARDIAN') return relation;
    throw new ForbiddenError(`Not allowed to ${what}`, { reason: relation === 'AUTHORITY' ? 'CHANNEL_ONLY' : 'NOT_OWN_PERSON' });
  }

  /** The person the calling channel user is bound to, or FORBIDDEN when they have not registered. */
  async me(): Promise<string> {
    const { personId } = await this.viewer();
    if (!personId) throw new ForbiddenError('This channel user has not registered yet (registerPerson)', { reason: 'NOT_REGISTERED' });
    return personId;
  }
}

/** A subgraph's local copy of who is bound to which channel user and who guards whom. */
export function accessTables(schema: PgSchema) {
  const bindings = schema.table(
    'acl_bindings',
    {
      channel: text('channel').notNull(),
      channelUser: text('channel_user').notNull(),
      personId: uuid('person_id').notNull(),
      updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    },
    (t) => [primaryKey({ columns: [t.channel, t.channelUser] })],
  );
  const guardianships = schema.table(
    'acl_guardianships',
    {
      guardianId: uuid('guardian_id').notNull(),
      dependentId: uuid('dependent_id').notNull(),
      updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    },
    (t) => [primaryKey({ columns: [t.guardianId, t.dependentId] })],
  );
  return { bindings, guardianships };
}
export type AccessTables = ReturnType<typeof accessTables>;

/** Identity's events that keep a projection of who may act for whom; idempotent. */
export function accessEventHandlers(t: AccessTables): Required<Pick<EventHandlers, 'ChannelUserBound' | 'ChannelUserUnbound' | 'GuardianshipChanged'>> {
  return {
    ChannelUserBound: async (tx, p) => {
      await tx
        .insert(t.bindings)
        .values({ channel: p.channel, channelUser: p.channelUser, personId: p.personId })
        .onConflictDoUpdate({ target: [t.bindings.channel, t.bindings.channelUser], set: { personId: p.personId, updatedAt: sql`now()` } });
    },
    // Only that person's binding: should the user have registered again since, the newer bind stays.
    ChannelUserUnbound: async (tx, p) => {
      await tx.delete(t.bindings).where(and(eq(t.bindings.channel, p.channel), eq(t.bindings.channelUser, p.channelUser), eq(t.bindings.personId, p.personId)));
    },
    GuardianshipChanged: async (tx, p) => {
      if (p.active) {
        await tx.insert(t.guardianships).values({ guardianId: p.guardianId, dependentId: p.dependentId }).onConflictDoNothing();
      } else {
        await tx.delete(t.guardianships).where(and(eq(t.guardianships.guardianId, p.guardianId), eq(t.guardianships.dependentId, p.dependentId)));
      }
    },
  };
}

/**
 * The calling channel user's viewer from a projection: one statement, which also carries the
 * consumer's pending check when given (read-your-writes without a round trip of its own).
 */
export async function viewerFromProjection(db: Database, t: AccessTables, principal: Principal, pending?: SQL<string[]>): Promise<{ value: Viewer; pending: readonly string[] | null }> {
  if (principal.kind !== 'channel' || !principal.channelUser) return { value: NO_VIEWER, pending: [] };
  const found = await db
    .select({ personId: t.bindings.personId, dependentId: t.guardianships.dependentId, pending: pending ?? sql<string[]>`'{}'::text[]` })
    .from(t.bindings)
    .leftJoin(t.guardianships, eq(t.guardianships.guardianId, t.bindings.personId))
    .where(and(eq(t.bindings.channel, principal.subject), eq(t.bindings.channelUser, principal.channelUser)));
  // No binding yet: it may be an event still to apply, which a row-less read cannot tell.
  if (!found.length) return { value: NO_VIEWER, pending: null };
  return { value: { personId: found[0]!.personId, dependents: new Set(found.flatMap((r) => (r.dependentId ? [r.dependentId] : []))) }, pending: found[0]!.pending };
}
