import DataLoader from 'dataloader';
import { NO_VIEWER, type Viewer } from '../../common/domain/access.js';
import type { Secrets } from '../../common/platform/config.js';
import type { CoreDeps, RequestContext, SubgraphContext } from '../../common/platform/define-subgraph.js';
import type { EventConsumer } from '../../common/platform/events/consumer.js';
import type { EventTransport } from '../../common/platform/events/transport.js';
import { groupBy } from '../../common/platform/group.js';
import type { Principal } from '../../common/domain/principal.js';
import type { BindingPolicy } from '../../common/domain/verification.js';
import type { RetentionPolicy } from '../../common/domain/retention.js';
import type { IdentityDailyRollover } from './modules/household/daily-rollover.js';
import type { BindingRow, ChannelRow, EmployerRow, GuardianshipRow, Household, IdentityRepository, PersonRow } from './db/repository.js';

export interface IdentityDeps extends CoreDeps {
  repo: IdentityRepository;
  events: EventTransport;
  /** Keeps the access log from every subgraph's access events; `fresh()` before the log is read. */
  accessLogConsumer: EventConsumer;
  /** Ends what identity keeps only for a while (document look-up counts), once a local day. */
  dailyRollover: IdentityDailyRollover;
  secrets: Pick<Secrets, 'documentEncryptionKey' | 'documentIndexKey'>;
  /** What a further channel must assert to bind a registered person (`CHANNEL_BINDING_MIN_VERIFICATION`). */
  bindingPolicy: BindingPolicy;
  /** How long each kind of personal data is kept (`RETENTION_DAYS`), for `retentionPolicy`. */
  retentionPolicy: RetentionPolicy;
}

export interface IdentityLoaders {
  person: DataLoader<string, PersonRow | null>;
  bindings: DataLoader<string, BindingRow[]>;
  /** Active guardianships by guardian id. */
  dependents: DataLoader<string, GuardianshipRow[]>;
  /** Active guardianships by dependent id. */
  guardians: DataLoader<string, GuardianshipRow[]>;
  /** The employers a person has joined, by person id. */
  employers: DataLoader<string, EmployerRow[]>;
  /** The channel registry, read at most once per request. */
  channels: () => Promise<ChannelRow[]>;
  /**
   * The calling channel user's person with their household, at most once per request and in one
   * statement; it also gives the request its viewer and primes `person`, so `me { dependents }` costs
   * nothing more (SPEC §10, W2).
   */
  household: () => Promise<Household | null>;
}

export type IdentityContext = SubgraphContext<IdentityDeps, IdentityLoaders>;

const viewerOf = (h: Household | null): Viewer => (h ? { personId: h.self.id, dependents: new Set(h.dependents.map((d) => d.id)) } : NO_VIEWER);

/** Identity answers "who is this channel user" from its own tables (the household read), not from a projection. */
export async function identityViewer(repo: IdentityRepository, principal: Principal): Promise<Viewer> {
  return viewerOf(principal.channelUser ? await repo.household.ofChannelUser(principal.subject, principal.channelUser) : null);
}

export function identityLoaders({ repo, principal, access }: RequestContext<IdentityDeps>): IdentityLoaders {
  let channelList: Promise<ChannelRow[]> | undefined;
  let householdOnce: ReturnType<IdentityLoaders['household']> | undefined;
  const person = new DataLoader<string, PersonRow | null>(async (ids) => {
    const rows = new Map((await repo.persons.personsByIds(ids)).map((r) => [r.id, r]));
    return ids.map((id) => rows.get(id) ?? null);
  });
  const household = async () => {
    if (principal.kind !== 'channel' || !principal.channelUser) return null;
    const found = await repo.household.ofChannelUser(principal.subject, principal.channelUser);
    access.know(viewerOf(found));
    for (const p of found ? [found.self, ...found.dependents] : []) person.prime(p.id, p);
    return found;
  };
  return {
    person,
    household: () => (householdOnce ??= household()),
    bindings: new DataLoader(async (ids) => groupBy(ids, await repo.bindings.bindingsOfPersons(ids), (r) => r.personId)),
    dependents: new DataLoader(async (ids) => groupBy(ids, await repo.household.activeGuardianshipsOf(ids, 'guardian'), (r) => r.guardianId)),
    guardians: new DataLoader(async (ids) => groupBy(ids, await repo.household.activeGuardianshipsOf(ids, 'dependent'), (r) => r.dependentId)),
    employers: new DataLoader(async (ids) => groupBy(ids, await repo.employers.employersOf(ids), (r) => r.personId)),
    channels: () => (channelList ??= repo.channels.listChannels()),
  };
}
