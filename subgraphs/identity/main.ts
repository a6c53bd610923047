import { withTelemetry } from '../../common/telemetry-switch.js';

// Tracing (when configured) starts before the modules it instruments load: hence the dynamic imports.
await withTelemetry('identity');
const { runSubgraphProcess } = await import('../../common/process.js');
const { identityFactory } = await import('./index.js');

await runSubgraphProcess(identityFactory);
