/**
 * Each main.ts starts here, before importing anything else: with `OTEL_EXPORTER_OTLP_ENDPOINT` set,
 * tracing (common/platform/telemetry.ts) starts before the modules it instruments are loaded; without it the
 * OpenTelemetry SDK is never even imported, so tracing off costs nothing.
 */
let shutdown: (() => Promise<void>) | undefined;

export async function withTelemetry(service: string): Promise<void> {
  if (!process.env.OTEL_EXPORTER_OTLP_ENDPOINT) return;
  const { startTelemetry } = await import('./telemetry.js');
  shutdown = startTelemetry(service).shutdown;
}

/** Sends the spans still buffered; the graceful shutdown calls it before the process exits. */
export async function flushTelemetry(): Promise<void> {
  await shutdown?.().catch(() => undefined);
}
