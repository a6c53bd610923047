import type { BaseContext } from '../../common/subgraph.js';
import type { DeclarationsRepository } from './db/repository.js';

export interface DeclarationsDeps {
  repo: DeclarationsRepository;
}

export interface DeclarationsContext extends BaseContext, DeclarationsDeps {}

export function createContext(base: BaseContext, deps: DeclarationsDeps): DeclarationsContext {
  return { ...base, ...deps };
}
