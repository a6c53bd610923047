import { runSubgraphProcess } from '../../common/process.js';
import { eidFactory } from './index.js';

await runSubgraphProcess(eidFactory);
