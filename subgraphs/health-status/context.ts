import DataLoader from 'dataloader';
import type { BaseContext } from '../../common/subgraph.js';
import type { HealthStatusRepository, RiskDesignationRow } from './db/repository.js';

export interface HealthStatusDeps {
  repo: HealthStatusRepository;
}

export interface HealthStatusContext extends BaseContext, HealthStatusDeps {
  loaders: { designations: DataLoader<string, RiskDesignationRow[]> };
}

export function createContext(base: BaseContext, deps: HealthStatusDeps): HealthStatusContext {
  return {
    ...base,
    ...deps,
    loaders: {
      designations: new DataLoader(async (ids) => {
        const rows = await deps.repo.designationsOf(ids);
        return ids.map((id) => rows.filter((r) => r.personId === id));
      }),
    },
  };
}
