import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The pages' typed documents (graphql-codegen client preset) from the ordinary .graphql operations:
 * the H5 page from operations/channel (the channel safelist), the dashboard from operations/dashboard,
 * the checkpoint verifier from operations/verifier.
 * Each output carries a persisted-documents manifest (sha256 of each document), which
 * `npm run operations` merges into the gateway's safelists; test/pages/operations.test.ts fails
 * when they drift.
 */
const page = (documents: string) => ({
  documents,
  preset: 'client' as const,
  // The page sends only a document's hash (Apollo's persistedQuery extension); the text stays out of the bundle.
  presetConfig: { persistedDocuments: { hashAlgorithm: 'sha256' as const, mode: 'replaceDocumentWithHash' as const }, fragmentMasking: false },
  config: {
    documentMode: 'string',
    enumsAsTypes: true,
    useTypeImports: true,
    scalars: { Date: 'string', DateTime: 'string', JSON: 'unknown' },
  },
});

const config: CodegenConfig = {
  overwrite: true,
  schema: 'schema/supergraph.graphql',
  generates: {
    'web/h5/gql/': page('operations/channel/*.graphql'),
    'web/dashboard/gql/': page('operations/dashboard/*.graphql'),
    'web/verifier/gql/': page('operations/verifier/*.graphql'),
  },
};

export default config;
