import { withTelemetry } from '../../common/telemetry-switch.js';

// Tracing (when configured) starts before the modules it instruments load: hence the dynamic imports.
await withTelemetry('health-status');
const { runSubgraphProcess } = await import('../../common/process.js');
const { healthStatusFactory } = await import('./index.js');

await runSubgraphProcess(healthStatusFactory);
