import DataLoader from 'dataloader';
import { Access } from '../../common/access.js';
import { AuditCollector } from '../../common/audit.js';
import type { EventConsumer } from '../../common/events/consumer.js';
import type { EventTransport } from '../../common/events/transport.js';
import { toLocalDate } from '../../common/scalars.js';
import type { BaseContext } from '../../common/subgraph.js';
import type { DeclarationRow, DeclarationsRepository } from './db/repository.js';

/** A channel as this subgraph knows it: its code (identity owns the rest). */
export interface ChannelRef {
  code: string;
}

export interface DeclarationsDeps {
  repo: DeclarationsRepository;
  events: EventTransport;
  /** Applies identity's events (bindings, households) to the local access projection. */
  identityConsumer: EventConsumer;
  now?: () => Date;
}

export interface DeclarationsContext extends BaseContext, DeclarationsDeps {
  today: string;
  audit: AuditCollector;
  access: Access;
  loaders: {
    /** Today's current declaration by person id. */
    today: DataLoader<string, DeclarationRow | null>;
    /** Every version of a person's day, keyed `personId|date`. */
    versions: DataLoader<string, DeclarationRow[]>;
  };
}

export function createContext(base: BaseContext, deps: DeclarationsDeps): DeclarationsContext {
  const { repo } = deps;
  const today = toLocalDate(deps.now?.() ?? new Date());
  const audit = new AuditCollector(base.principal);
  return {
    ...base,
    ...deps,
    today,
    audit,
    // The projection is brought up to date first, so a household change made a moment ago counts.
    access: new Access(base.principal, async () => (await deps.identityConsumer.fresh(), repo.viewer(base.principal)), audit),
    loaders: {
      today: new DataLoader(async (ids) => {
        const rows = new Map((await repo.currentOnDay(ids, today)).map((r) => [r.personId, r]));
        return ids.map((id) => rows.get(id) ?? null);
      }),
      versions: new DataLoader(async (keys) => {
        const rows = await repo.versionsOf(keys.map((k) => ({ personId: k.slice(0, 36), localDate: k.slice(37) })));
        return keys.map((k) => rows.filter((r) => `${r.personId}|${r.localDate}` === k));
      }),
    },
  };
}
