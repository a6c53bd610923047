import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { composeSupergraph, ROOT, SUPERGRAPH_FILE, subgraphSdlFiles } from './supergraph.js';

const subgraphs = subgraphSdlFiles();
for (const { file, sdl } of subgraphs) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, sdl);
  console.log(`wrote ${relative(ROOT, file)}`);
}
writeFileSync(SUPERGRAPH_FILE, composeSupergraph(subgraphs));
console.log(`wrote ${relative(ROOT, SUPERGRAPH_FILE)}`);
