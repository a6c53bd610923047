import DataLoader from 'dataloader';
import type { Secrets } from '../../common/platform/config.js';
import type { CoreDeps, RequestContext, SubgraphContext } from '../../common/platform/define-subgraph.js';
import type { EventTransport } from '../../common/platform/events/transport.js';
import type { RetentionJob } from '../../common/domain/retention.js';
import type { DeclarationRow, DeclarationsRepository } from './db/repository.js';

/** A channel as this subgraph knows it: its code (identity owns the rest). */
export interface ChannelRef {
  code: string;
}

export interface DeclarationsDeps extends CoreDeps {
  repo: DeclarationsRepository;
  events: EventTransport;
  /** The document index key opens the staff references identity hands an employer (common/domain/sealed-ref.ts). */
  secrets: Pick<Secrets, 'documentIndexKey'>;
  /** Deletes personal data past its end date (common/domain/retention.ts), daily. */
  retention: RetentionJob;
}

export interface DeclarationsLoaders {
  /** Today's current declaration by person id. */
  today: DataLoader<string, DeclarationRow | null>;
  /** Every version of a person's day, keyed `personId|date`. */
  versions: DataLoader<string, DeclarationRow[]>;
}

export type DeclarationsContext = SubgraphContext<DeclarationsDeps, DeclarationsLoaders>;

export function declarationsLoaders({ repo, today }: RequestContext<DeclarationsDeps>): DeclarationsLoaders {
  return {
    today: new DataLoader(async (ids) => {
      const rows = new Map((await repo.declarations.currentOnDay(ids, today)).map((r) => [r.personId, r]));
      return ids.map((id) => rows.get(id) ?? null);
    }),
    versions: new DataLoader(async (keys) => {
      const rows = await repo.declarations.versionsOf(keys.map((k) => ({ personId: k.slice(0, 36), localDate: k.slice(37) })));
      return keys.map((k) => rows.filter((r) => `${r.personId}|${r.localDate}` === k));
    }),
  };
}
