import DataLoader from 'dataloader';
import { Access } from '../../common/access.js';
import { AuditCollector } from '../../common/audit.js';
import type { Secrets } from '../../common/config.js';
import type { EventConsumer } from '../../common/events/consumer.js';
import type { EventTransport } from '../../common/events/transport.js';
import type { KeyRing } from '../../common/keys.js';
import { toLocalDate } from '../../common/scalars.js';
import type { BaseContext } from '../../common/subgraph.js';
import type { AppealRow, CheckpointRow, HealthStatusRepository, PaperCodeRow, RiskDesignationRow } from './db/repository.js';
import { currentCodes, type CodeView } from './modules/codes/codes.service.js';
import type { DailyReevaluation } from './modules/codes/rollover.js';

export interface HealthStatusDeps {
  repo: HealthStatusRepository;
  events: EventTransport;
  /** Applies identity's and declarations' events; a request calls `fresh()` before it reads. */
  consumer: EventConsumer;
  keys: KeyRing;
  secrets: Pick<Secrets, 'documentIndexKey'>;
  provinceCode: string;
  tokenTtlSeconds: number;
  /** The clock; tests move it to walk through the 14-day rule. */
  clock: () => Date;
  /** Re-evaluates codes that time alone changes, once per local day. */
  daily: DailyReevaluation;
}

export interface HealthStatusContext extends BaseContext, HealthStatusDeps {
  today: string;
  audit: AuditCollector;
  access: Access;
  /** Brings this subgraph's copy of other subgraphs' events up to date, once per request. */
  fresh: () => Promise<void>;
  loaders: {
    designations: DataLoader<string, RiskDesignationRow[]>;
    codes: DataLoader<string, CodeView | null>;
    checkpoints: DataLoader<string, CheckpointRow | null>;
    appeals: DataLoader<string, AppealRow[]>;
    paperCodes: DataLoader<string, PaperCodeRow[]>;
  };
}

export function createContext(base: BaseContext, deps: HealthStatusDeps): HealthStatusContext {
  const audit = new AuditCollector(base.principal);
  let freshOnce: Promise<void> | undefined;
  const fresh = () => (freshOnce ??= deps.consumer.fresh());
  const ctx: HealthStatusContext = {
    ...base,
    ...deps,
    today: toLocalDate(deps.clock()),
    audit,
    fresh,
    access: new Access(base.principal, async () => (await fresh(), deps.repo.viewer(base.principal)), audit),
    loaders: {
      designations: new DataLoader(async (ids) => {
        const rows = await deps.repo.designationsOf(ids);
        return ids.map((id) => rows.filter((r) => r.personId === id));
      }),
      codes: new DataLoader(async (ids) => {
        await fresh();
        return currentCodes(ctx, ids);
      }),
      checkpoints: new DataLoader(async (ids) => {
        const rows = await deps.repo.checkpointsByIds(ids);
        return ids.map((id) => rows.find((r) => r.id === id) ?? null);
      }),
      appeals: new DataLoader(async (ids) => {
        const rows = await deps.repo.appealsOf(ids);
        return ids.map((id) => rows.filter((r) => r.personId === id));
      }),
      paperCodes: new DataLoader(async (ids) => {
        const rows = await deps.repo.paperCodesOf(ids);
        return ids.map((id) => rows.filter((r) => r.personId === id));
      }),
    },
  };
  return ctx;
}
