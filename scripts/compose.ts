import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDIENCES, CONTRACT_FILE, contractText } from '../gateway/contracts.js';
import { composeSupergraph, ROOT, SUPERGRAPH_FILE, subgraphRegistryFiles, subgraphSdlFiles } from './supergraph.js';

const subgraphs = subgraphSdlFiles();
for (const { file, sdl } of subgraphs) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, sdl);
  console.log(`wrote ${relative(ROOT, file)}`);
}
const supergraph = composeSupergraph(subgraphs);
writeFileSync(SUPERGRAPH_FILE, supergraph);
console.log(`wrote ${relative(ROOT, SUPERGRAPH_FILE)}`);
// Each audience's published slice (docs/contracts.md); the gateway validates its callers against it.
for (const audience of AUDIENCES) {
  const file = fileURLToPath(CONTRACT_FILE(audience));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, contractText(supergraph, audience));
  console.log(`wrote ${relative(ROOT, file)}`);
}
// The registry the code reads (names, ports, factories), so a new subgraph is a folder and a yaml entry.
for (const { file, text } of subgraphRegistryFiles()) {
  writeFileSync(file, text);
  console.log(`wrote ${relative(ROOT, file)}`);
}
