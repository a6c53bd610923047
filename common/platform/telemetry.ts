import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** Probes and scrapes every few seconds would drown the traces people look for. */
const UNTRACED_PATHS = /^\/(healthz|readyz|metrics)\b/;

/**
 * OpenTelemetry traces for one process, exported over OTLP/HTTP (JSON) to
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (the exporter reads it and the other standard OTEL_* variables).
 * Loaded only when that variable is set (see `withTelemetry`), and before the modules it instruments:
 * node:http (Fastify's server side), undici (the gateway's subgraph calls, which carry W3C
 * `traceparent`) and graphql (parse, validate, execute). postgres.js has no maintained
 * instrumentation, so SQL shows as time inside the subgraph's spans, not spans of its own.
 */
export function startTelemetry(service: string): { shutdown(): Promise<void> } {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': `hcg-${service}`, 'service.namespace': 'healthcode-graph' }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  // The W3C trace-context propagator and an AsyncLocalStorage context manager, as globals.
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.test(req.url ?? '') }),
      new UndiciInstrumentation(),
      // Resolver spans for every field would dwarf the rest; a resolver that calls out still shows by its HTTP span.
      new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, mergeItems: true }),
    ],
  });
  return { shutdown: () => provider.shutdown() };
}
