import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** What the explorer needs of a request: any route's request fits. */
interface PageRequest {
  method: string;
  headers: IncomingHttpHeaders;
  query: unknown;
}

/**
 * GraphiQL at `/graphql` for a developer's browser, development only: its script, its styles and
 * React come from node_modules through /explorer/ (no CDN). They are development dependencies, so a
 * production image has neither the files nor the route.
 */
const FILES: Record<string, { module: string; type: string }> = {
  'react.js': { module: 'react/umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { module: 'react-dom/umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { module: 'graphiql/graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { module: 'graphiql/graphiql.min.css', type: 'text/css' },
  'start.js': { module: '', type: 'text/javascript' },
};

// Headers default to what the README's examples send; a developer edits them in the headers tab.
const START = `const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, {
  fetcher, defaultHeaders: JSON.stringify({ 'x-api-key': 'hcg_dev_authority' }, null, 2), shouldPersistHeaders: true,
}));`;

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>healthcode-graph · GraphiQL (development)</title>
<link rel="stylesheet" href="/explorer/graphiql.css"><style>body{margin:0;height:100vh}#graphiql{height:100vh}</style></head>
<body><div id="graphiql">Loading GraphiQL…</div>
<script src="/explorer/react.js"></script><script src="/explorer/react-dom.js"></script>
<script src="/explorer/graphiql.js"></script><script src="/explorer/start.js"></script></body></html>`;

/** Registers /explorer/* and answers true from the returned hook when it served GraphiQL for a GET /graphql. */
export function registerExplorer(app: FastifyInstance): ((req: PageRequest, reply: FastifyReply) => boolean) | undefined {
  const require = createRequire(import.meta.url);
  const paths = new Map<string, string>();
  try {
    for (const [name, f] of Object.entries(FILES)) {
      if (!f.module) continue;
      // UMD builds are not in the packages' export maps: find the package, then the file in it.
      const [pkg, ...rest] = f.module.split('/');
      paths.set(name, join(dirname(require.resolve(`${pkg}/package.json`)), ...rest));
    }
  } catch {
    return undefined; // development dependencies not installed: no explorer
  }
  app.get<{ Params: { file: string } }>('/explorer/:file', async (req, reply) => {
    const f = FILES[req.params.file];
    if (!f) return reply.code(404).send({ error: 'not found' });
    reply.type(f.type).header('cache-control', 'public, max-age=3600');
    if (!f.module) return START;
    return reply.send(createReadStream(paths.get(req.params.file)!));
  });
  return (req, reply) => {
    const wantsPage = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html') && !(req.query as { query?: unknown }).query;
    if (!wantsPage) return false;
    void reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(PAGE);
    return true;
  };
}
