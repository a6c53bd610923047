import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import { ForbiddenError } from '../common/platform/errors.js';

interface ManifestFile {
  format?: unknown;
  version?: unknown;
  operations?: { id?: unknown; name?: unknown; body?: unknown; callerIndependent?: unknown }[];
}

/** One published operation: its text, and its name when it has one. */
export interface ListedOperation {
  name?: string;
  body: string;
  /** A read whose answer is the same for every caller allowed to run it: identical ones in flight share one answer (shared-reads.ts). */
  callerIndependent?: boolean;
}

/** What a GraphQL-over-HTTP request names as its operation, POST body or GET parameters alike. */
export interface RequestParams {
  query?: unknown;
  extensions?: unknown;
}

const APQ_PREFIX = 'apq:';

/** Apollo Server's persisted-query store type, without depending on its cache package directly. */
type PersistedQueryStore = NonNullable<Exclude<ApolloServerOptions<BaseContext>['persistedQueries'], false | undefined>['cache']>;

/**
 * The operations channels may run in production (SPEC §8), from an Apollo persisted query manifest
 * (schema/persisted-operations.json, built by `npm run operations`). A channel sends the full text
 * of a listed operation, or only its hash as Apollo clients do (`extensions.persistedQuery`);
 * anything else is refused before it is even parsed.
 */
export class Safelist {
  private constructor(
    private readonly listed: ReadonlyMap<string, ListedOperation>,
    private readonly refusal: string,
  ) {}

  /** `refusal` is what a caller off the list is told: it names the list that caller is held to. */
  static load(path: string, refusal = 'Channels may run only the published operations (schema/persisted-operations.json)'): Safelist {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as ManifestFile;
    if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
      throw new Error(`${path} is not an Apollo persisted query manifest (format apollo-persisted-query-manifest, version 1)`);
    }
    const listed = new Map<string, ListedOperation>();
    for (const op of manifest.operations) {
      if (typeof op.id !== 'string' || typeof op.body !== 'string') throw new Error(`${path}: every operation needs an id and a body`);
      const hash = createHash('sha256').update(op.body).digest('hex');
      if (hash !== op.id) throw new Error(`${path}: operation ${op.id} does not hash to its id`);
      listed.set(op.id, { ...(typeof op.name === 'string' ? { name: op.name } : {}), body: op.body, ...(op.callerIndependent === true ? { callerIndependent: true } : {}) });
    }
    return new Safelist(listed, refusal);
  }

  /** The body of a listed operation, by its hash. */
  body(hash: string): string | undefined {
    return this.listed.get(hash)?.body;
  }

  /** Whether the listed operation with this hash is flagged `callerIndependent` in the manifest. */
  callerIndependent(hash: string): boolean {
    return this.listed.get(hash)?.callerIndependent === true;
  }

  get size(): number {
    return this.listed.size;
  }

  /** Every listed operation, in the manifest's order. */
  operations(): ListedOperation[] {
    return [...this.listed.values()];
  }

  /** Refuses (FORBIDDEN, OPERATION_NOT_SAFELISTED) an operation that is not on the list. */
  assertListed(params: RequestParams | undefined): void {
    const query = typeof params?.query === 'string' ? params.query : undefined;
    const hash = query !== undefined ? createHash('sha256').update(query).digest('hex') : persistedHash(params?.extensions);
    if (!hash || !this.listed.has(hash)) {
      throw new ForbiddenError(this.refusal, { reason: 'OPERATION_NOT_SAFELISTED' });
    }
  }

  /**
   * Apollo Server's persisted-query store, answering from the manifest: a hash-only request for a
   * listed operation runs, and nothing a client sends is ever added.
   */
  store(): PersistedQueryStore {
    return {
      get: async (key) => this.body(key.startsWith(APQ_PREFIX) ? key.slice(APQ_PREFIX.length) : key),
      set: async () => undefined,
      delete: async () => undefined,
    };
  }
}

function persistedHash(extensions: unknown): string | undefined {
  let ext = extensions;
  if (typeof ext === 'string') {
    try {
      ext = JSON.parse(ext) as unknown;
    } catch {
      return undefined;
    }
  }
  const hash = (ext as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}
