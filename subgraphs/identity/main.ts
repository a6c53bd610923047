import { runSubgraphProcess } from '../../common/process.js';
import { identityFactory } from './index.js';

await runSubgraphProcess(identityFactory);
