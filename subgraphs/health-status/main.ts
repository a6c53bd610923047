import { runSubgraphProcess } from '../../common/process.js';
import { healthStatusFactory } from './index.js';

await runSubgraphProcess(healthStatusFactory);
