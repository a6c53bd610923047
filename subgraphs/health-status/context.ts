import DataLoader from 'dataloader';
import { Access } from '../../common/access.js';
import { AuditCollector } from '../../common/audit.js';
import type { EventConsumer } from '../../common/events/consumer.js';
import type { EventTransport } from '../../common/events/transport.js';
import { toLocalDate } from '../../common/scalars.js';
import type { BaseContext } from '../../common/subgraph.js';
import type { HealthStatusRepository, RiskDesignationRow } from './db/repository.js';

export interface HealthStatusDeps {
  repo: HealthStatusRepository;
  events: EventTransport;
  /** Applies identity's and declarations' events; a request calls `fresh()` before it reads. */
  consumer: EventConsumer;
  now?: () => Date;
}

export interface HealthStatusContext extends BaseContext, HealthStatusDeps {
  today: string;
  audit: AuditCollector;
  access: Access;
  loaders: { designations: DataLoader<string, RiskDesignationRow[]> };
}

export function createContext(base: BaseContext, deps: HealthStatusDeps): HealthStatusContext {
  const audit = new AuditCollector(base.principal);
  return {
    ...base,
    ...deps,
    today: toLocalDate(deps.now?.() ?? new Date()),
    audit,
    access: new Access(base.principal, async () => (await deps.consumer.fresh(), deps.repo.viewer(base.principal)), audit),
    loaders: {
      designations: new DataLoader(async (ids) => {
        const rows = await deps.repo.designationsOf(ids);
        return ids.map((id) => rows.filter((r) => r.personId === id));
      }),
    },
  };
}
