import { useCallback, useEffect, useState } from 'preact/hooks';
import { request } from '../shared/client.js';
import type { Lang } from '../shared/lang.js';
import { PersonAccessLogDocument, type AccessLogPageFragment } from './gql/graphql.js';
import { errorText, type Shown } from './page.js';
import { ACTION, fill, UI } from './messages.js';

type Entry = AccessLogPageFragment['edges'][number];

/** Local time in the province (UTC+8), to the minute: when someone read the person's data. */
function when(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** "Who looked at my data": reads by anyone but the person and their guardians, newest first. */
export function AccessLog({ person, lang }: { person: Shown; lang: Lang }) {
  const [entries, setEntries] = useState<Entry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string>();

  const load = useCallback(
    async (after: string | null) => {
      try {
        const data = await request(PersonAccessLogDocument, { personId: person.id, first: 20, after });
        const page = data.person?.accessLog;
        if (!page) return;
        setEntries((seen) => (after ? [...seen, ...page.edges] : page.edges));
        setNext(page.pageInfo.hasNextPage ? page.pageInfo.endCursor ?? null : null);
      } catch (err) {
        setError(errorText(err, lang));
      }
    },
    [person.id, lang],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  return (
    <section class="card" aria-labelledby="access-log">
      <h3 id="access-log">{UI.accessLog[lang]}</h3>
      <p class="muted">{UI.accessLogHint[lang]}</p>
      {error && <p class="error" role="alert">{error}</p>}
      {entries.length === 0 && !error ? (
        <p class="muted" data-testid="access-log-empty">{UI.accessLogEmpty[lang]}</p>
      ) : (
        <ul class="access-log" data-testid="access-log">
          {entries.map(({ cursor, node }) => (
            <li key={cursor}>
              <span class="org">{node.organisation}</span>
              <span>{ACTION[node.action]?.[lang] ?? node.action}</span>
              <span class="muted">
                {when(node.at)}
                {node.ticket ? ` · ${fill(UI.ticket[lang], { n: node.ticket })}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {next && (
        <button type="button" class="link" onClick={() => void load(next)}>
          {UI.more[lang]}
        </button>
      )}
    </section>
  );
}
