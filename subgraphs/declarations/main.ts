import { runSubgraphProcess } from '../../common/process.js';
import { declarationsFactory } from './index.js';

await runSubgraphProcess(declarationsFactory);
