import DataLoader from 'dataloader';
import { AuditCollector } from '../../common/audit.js';
import type { Secrets } from '../../common/config.js';
import { toLocalDate } from '../../common/scalars.js';
import type { BaseContext } from '../../common/subgraph.js';
import type { BindingRow, ChannelRow, IdentityRepository, PersonRow } from './db/repository.js';

export interface IdentityDeps {
  repo: IdentityRepository;
  secrets: Pick<Secrets, 'documentEncryptionKey' | 'documentIndexKey'>;
  /** Injected clock, so tests can move the date. */
  now?: () => Date;
}

export interface IdentityContext extends BaseContext, IdentityDeps {
  today: string;
  audit: AuditCollector;
  loaders: {
    person: DataLoader<string, PersonRow | null>;
    bindings: DataLoader<string, BindingRow[]>;
  };
  /** The person the calling channel user is bound to (memoised for the request); null otherwise. */
  viewerPersonId: () => Promise<string | null>;
  /** The channel registry, read at most once per request. */
  channelsOnce: () => Promise<ChannelRow[]>;
}

function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

export function createContext(base: BaseContext, deps: IdentityDeps): IdentityContext {
  const { repo } = deps;
  let viewer: Promise<string | null> | undefined;
  let channelList: Promise<ChannelRow[]> | undefined;
  return {
    ...base,
    ...deps,
    today: toLocalDate(deps.now?.() ?? new Date()),
    audit: new AuditCollector(base.principal),
    loaders: {
      person: new DataLoader(async (ids) => byKey(ids, await repo.personsByIds(ids), (r) => r.id)),
      bindings: new DataLoader(async (ids) => {
        const rows = await repo.bindingsOfPersons(ids);
        return ids.map((id) => rows.filter((r) => r.personId === id));
      }),
    },
    viewerPersonId: () => {
      const { kind, subject, channelUser } = base.principal;
      if (kind !== 'channel' || !channelUser) return Promise.resolve(null);
      viewer ??= repo.bindingOf(subject, channelUser).then((b) => b?.personId ?? null);
      return viewer;
    },
    channelsOnce: () => (channelList ??= repo.listChannels()),
  };
}
