import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { setTimeout as sleep } from 'node:timers/promises';

/** One Prometheus registry per process; in the one-process mode all five services share it. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const httpDuration = new Histogram({
  name: 'hcg_graphql_request_duration_seconds',
  help: 'GraphQL request duration by service and operation type',
  labelNames: ['service', 'operation', 'outcome'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const subgraphRequests = new Counter({
  name: 'hcg_gateway_subgraph_requests_total',
  help: 'Requests the gateway sent to each subgraph',
  labelNames: ['subgraph'] as const,
  registers: [registry],
});

export const subgraphHttpRequests = new Counter({
  name: 'hcg_subgraph_http_requests_total',
  help: 'HTTP requests a subgraph answered on /graphql (a batch of operations is one)',
  labelNames: ['service'] as const,
  registers: [registry],
});

export const sqlStatements = new Counter({
  name: 'hcg_sql_statements_total',
  help: 'SQL statements sent through drizzle, by owner',
  labelNames: ['owner'] as const,
  registers: [registry],
});

export const eventsApplied = new Counter({
  name: 'hcg_events_applied_total',
  help: 'Domain events applied by each consumer (committed applications only)',
  labelNames: ['consumer'] as const,
  registers: [registry],
});

export const eventDeliveryFailures = new Counter({
  name: 'hcg_event_delivery_failures_total',
  help: 'Failed delivery attempts per consumer; the events stay pending and are retried',
  labelNames: ['consumer'] as const,
  registers: [registry],
});

export const operationDuration = new Histogram({
  name: 'hcg_graphql_operation_duration_seconds',
  help: 'GraphQL request duration by service and operation name (names past the first 200 count as "other")',
  labelNames: ['service', 'operation_name'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const graphqlErrors = new Counter({
  name: 'hcg_graphql_errors_total',
  help: 'Errors in GraphQL answers by service and extensions.code (client refusals included)',
  labelNames: ['service', 'code'] as const,
  registers: [registry],
});

export const subgraphCallDuration = new Histogram({
  name: 'hcg_gateway_subgraph_call_duration_seconds',
  help: "The gateway's calls to each subgraph, retry included, by outcome (ok, http_5xx, timeout, circuit_open, unreachable)",
  labelNames: ['subgraph', 'outcome'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const eventLag = new Gauge({
  name: 'hcg_event_lag_seconds',
  help: 'Per consumer: how old the last event it applied was when applied (0 once nothing is pending)',
  labelNames: ['consumer'] as const,
  registers: [registry],
});

const seenOperationNames = new Set<string>();
/** An operation name as a label: bounded, so a client inventing names cannot grow the registry without end. */
function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (seenOperationNames.has(name)) return name;
  if (seenOperationNames.size >= 200 || !/^\w{1,64}$/.test(name)) return 'other';
  seenOperationNames.add(name);
  return name;
}

/** One answer's latency by operation name and its errors by code. */
export function observeOperation(service: string, operationName: string | null | undefined, seconds: number, errors: readonly { extensions?: Record<string, unknown> }[] | undefined): void {
  operationDuration.labels(service, operationLabel(operationName)).observe(seconds);
  for (const e of errors ?? []) graphqlErrors.labels(service, typeof e.extensions?.code === 'string' ? e.extensions.code : 'UNKNOWN').inc();
}

/**
 * The one thing the pool gauge needs of a connection (common/platform/db.ts's `Connection` has it). Named here
 * rather than imported: db.ts counts its statements with this module, so importing it back would
 * close a cycle.
 */
export interface RawQuery {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/**
 * Pool use, as PostgreSQL sees it: postgres.js keeps no statistics of its own, so each scrape counts
 * this process's connections in `pg_stat_activity` by state (active, idle, idle in transaction), beside
 * the pool's bound. A database out of reach leaves the gauge empty rather than failing the scrape.
 */
export function trackPoolUse(connection: RawQuery, applicationName: string, max: number): void {
  new Gauge({
    name: 'hcg_db_pool_connections',
    help: "This process's PostgreSQL connections by state (pg_stat_activity); `max` is the pool's bound",
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      this.labels('max').set(max);
      const counted = connection.query<{ state: string | null; n: number }>(
        `select coalesce(state, 'unknown') as state, count(*)::int as n from pg_stat_activity
          where application_name = $1 and pid <> pg_backend_pid() group by 1`,
        [applicationName],
      );
      const rows = await Promise.race([counted, sleep(1000, undefined, { ref: false })]).catch(() => undefined);
      for (const row of rows ?? []) this.labels(row.state ?? 'unknown').set(row.n);
    },
  });
}

export const designationAlerts = new Counter({
  name: 'hcg_designation_alerts_total',
  help: 'Unusual designating (issue 26): alerts raised, by kind (OFFICER_RATE, ORGANISATION_RATE, RED_WITHOUT_EPIDEMIOLOGICAL_BASIS)',
  labelNames: ['kind'] as const,
  registers: [registry],
});
