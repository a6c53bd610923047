import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
