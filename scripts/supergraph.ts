import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { parse as parseYaml } from 'yaml';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SUPERGRAPH_CONFIG = resolve(ROOT, 'schema/supergraph.yaml');
export const SUPERGRAPH_FILE = resolve(ROOT, 'schema/supergraph.graphql');

interface SupergraphConfig {
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
}

/** Composes the supergraph from the subgraph SDL files listed in schema/supergraph.yaml. */
export function composeSupergraph(): string {
  const config = parseYaml(readFileSync(SUPERGRAPH_CONFIG, 'utf8')) as SupergraphConfig;
  const services = Object.entries(config.subgraphs).map(([name, sub]) => ({
    name,
    url: sub.routing_url,
    typeDefs: parse(readFileSync(resolve(dirname(SUPERGRAPH_CONFIG), sub.schema.file), 'utf8')),
  }));
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trimEnd()}\n`;
}
