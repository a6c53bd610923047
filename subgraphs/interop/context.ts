import DataLoader from 'dataloader';
import type { BaseContext } from '../../common/subgraph.js';
import type { InteropRepository, PartnerRow } from './db/repository.js';

export interface InteropDeps {
  repo: InteropRepository;
}

export interface InteropContext extends BaseContext, InteropDeps {
  loaders: { partner: DataLoader<string, PartnerRow | null> };
}

export function createContext(base: BaseContext, deps: InteropDeps): InteropContext {
  return {
    ...base,
    ...deps,
    loaders: {
      partner: new DataLoader(async (codes) => {
        const rows = await deps.repo.partnersByCodes(codes);
        return codes.map((c) => rows.find((r) => r.code === c) ?? null);
      }),
    },
  };
}
