import DataLoader from 'dataloader';
import type { Secrets } from '../../common/platform/config.js';
import type { CoreDeps, RequestContext, SubgraphContext } from '../../common/platform/define-subgraph.js';
import type { EventTransport } from '../../common/platform/events/transport.js';
import type { KeyRing } from '../../common/platform/keys.js';
import type { InteropRepository, PartnerRow } from './db/repository.js';

export interface InteropDeps extends CoreDeps {
  repo: InteropRepository;
  events: EventTransport;
  /** Our signing keys: attestations are signed with the newest. */
  keys: KeyRing;
  secrets: Pick<Secrets, 'documentIndexKey'>;
  provinceCode: string;
}

export interface InteropLoaders {
  partner: DataLoader<string, PartnerRow | null>;
}

export type InteropContext = SubgraphContext<InteropDeps, InteropLoaders>;

export function interopLoaders({ repo }: RequestContext<InteropDeps>): InteropLoaders {
  return {
    partner: new DataLoader(async (codes) => {
      const rows = new Map((await repo.partners.partnersByCodes(codes)).map((r) => [r.code, r]));
      return codes.map((c) => rows.get(c) ?? null);
    }),
  };
}
