import { runSubgraphProcess } from '../../common/platform/process.js';

// The subgraph's module loads after tracing starts (when configured): hence the dynamic import.
await runSubgraphProcess('eid', async () => (await import('./index.js')).eidFactory);
