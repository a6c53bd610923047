import { runSubgraphProcess } from '../../common/process.js';
import { interopFactory } from './index.js';

await runSubgraphProcess(interopFactory);
