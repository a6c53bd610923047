import DataLoader from 'dataloader';
import type { Secrets } from '../../common/config.js';
import type { EventConsumer } from '../../common/events/consumer.js';
import type { EventTransport } from '../../common/events/transport.js';
import type { KeyRing } from '../../common/keys.js';
import type { BaseContext } from '../../common/subgraph.js';
import type { InteropRepository, PartnerRow } from './db/repository.js';

export interface InteropDeps {
  repo: InteropRepository;
  events: EventTransport;
  /** Applies identity's registrations and health-status's colour changes; requests call `fresh()`. */
  consumer: EventConsumer;
  /** Our signing keys: attestations are signed with the newest. */
  keys: KeyRing;
  secrets: Pick<Secrets, 'documentIndexKey'>;
  provinceCode: string;
  clock: () => Date;
}

export interface InteropContext extends BaseContext, InteropDeps {
  fresh: () => Promise<void>;
  loaders: { partner: DataLoader<string, PartnerRow | null> };
}

export function createContext(base: BaseContext, deps: InteropDeps): InteropContext {
  let freshOnce: Promise<void> | undefined;
  return {
    ...base,
    ...deps,
    fresh: () => (freshOnce ??= deps.consumer.fresh()),
    loaders: {
      partner: new DataLoader(async (codes) => {
        const rows = await deps.repo.partnersByCodes(codes);
        return codes.map((c) => rows.find((r) => r.code === c) ?? null);
      }),
    },
  };
}
