import DataLoader from 'dataloader';
import { Access } from '../../common/access.js';
import { AuditCollector } from '../../common/audit.js';
import type { Secrets } from '../../common/config.js';
import type { EventTransport } from '../../common/events/transport.js';
import { toLocalDate } from '../../common/scalars.js';
import type { BaseContext } from '../../common/subgraph.js';
import type { BindingRow, ChannelRow, GuardianshipRow, IdentityRepository, PersonRow } from './db/repository.js';

export interface IdentityDeps {
  repo: IdentityRepository;
  events: EventTransport;
  secrets: Pick<Secrets, 'documentEncryptionKey' | 'documentIndexKey'>;
  /** Injected clock, so tests can move the date. */
  now?: () => Date;
}

export interface IdentityContext extends BaseContext, IdentityDeps {
  today: string;
  audit: AuditCollector;
  access: Access;
  loaders: {
    person: DataLoader<string, PersonRow | null>;
    bindings: DataLoader<string, BindingRow[]>;
    /** Active guardianships by guardian id. */
    dependents: DataLoader<string, GuardianshipRow[]>;
    /** Active guardianships by dependent id. */
    guardians: DataLoader<string, GuardianshipRow[]>;
  };
  /** The channel registry, read at most once per request. */
  channelsOnce: () => Promise<ChannelRow[]>;
}

function groupBy<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const r of rows) map.set(keyOf(r), [...(map.get(keyOf(r)) ?? []), r]);
  return keys.map((k) => map.get(k) ?? []);
}

export function createContext(base: BaseContext, deps: IdentityDeps): IdentityContext {
  const { repo } = deps;
  const audit = new AuditCollector(base.principal);
  let channelList: Promise<ChannelRow[]> | undefined;
  return {
    ...base,
    ...deps,
    today: toLocalDate(deps.now?.() ?? new Date()),
    audit,
    access: new Access(
      base.principal,
      async () => {
        const found = await repo.viewer(base.principal.subject, base.principal.channelUser ?? '');
        if (!found.length) return { personId: null, dependents: new Set() };
        return { personId: found[0]!.personId, dependents: new Set(found.flatMap((r) => (r.dependentId ? [r.dependentId] : []))) };
      },
      audit,
    ),
    loaders: {
      person: new DataLoader(async (ids) => {
        const rows = new Map((await repo.personsByIds(ids)).map((r) => [r.id, r]));
        return ids.map((id) => rows.get(id) ?? null);
      }),
      bindings: new DataLoader(async (ids) => groupBy(ids, await repo.bindingsOfPersons(ids), (r) => r.personId)),
      dependents: new DataLoader(async (ids) => groupBy(ids, await repo.activeGuardianshipsOf(ids, 'guardian'), (r) => r.guardianId)),
      guardians: new DataLoader(async (ids) => groupBy(ids, await repo.activeGuardianshipsOf(ids, 'dependent'), (r) => r.dependentId)),
    },
    channelsOnce: () => (channelList ??= repo.listChannels()),
  };
}
