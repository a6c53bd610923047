import { useCallback, useEffect, useState } from 'preact/hooks';
import { request } from '../shared/client.js';
import type { Lang } from '../shared/lang.js';
import { PersonAccessLogDocument, type AccessLogPageFragment } from './gql/graphql.js';
import { errorText, type Shown } from './page.js';
import { ACTION, fill, UI } from './messages.js';
import { fillNode, Name } from './name.js';

type Entry = AccessLogPageFragment['edges'][number];

/** Local time in the province (UTC+8), to the minute: when someone read the person's data. */
function when(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** "Who looked at my data": reads by anyone but the person and their guardians, newest first. */
export function AccessLog({ person, lang }: { person: Shown; lang: Lang }) {
  const [entries, setEntries] = useState<Entry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();

  const load = useCallback(
    async (after: string | null) => {
      try {
        const data = await request(PersonAccessLogDocument, { personId: person.id, first: 20, after });
        const page = data.person?.accessLog;
        if (!page) return;
        setEntries((seen) => (after ? [...seen, ...page.edges] : page.edges));
        setNext(page.pageInfo.hasNextPage ? page.pageInfo.endCursor ?? null : null);
      } catch (err) {
        setError(err);
      }
    },
    [person.id],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  const who = <Name text={person.displayName} />;
  return (
    <section class="card" aria-labelledby="access-log">
      {/* A guardian looking at a member reads about that member: "my" would be the guardian. */}
      <h3 id="access-log">{person.self ? UI.accessLog[lang] : fillNode(UI.memberAccessLog[lang], who)}</h3>
      <p class="muted">{person.self ? UI.accessLogHint[lang] : fillNode(UI.memberAccessLogHint[lang], who)}</p>
      {error !== undefined && <p class="error" role="alert">{errorText(error, lang)}</p>}
      {entries.length === 0 && !error ? (
        <p class="muted" data-testid="access-log-empty">{person.self ? UI.accessLogEmpty[lang] : fillNode(UI.memberAccessLogEmpty[lang], who)}</p>
      ) : (
        <ul class="access-log" data-testid="access-log">
          {entries.map(({ cursor, node }) => (
            <li key={cursor}>
              <span class="org"><Name text={node.organisation} /></span>
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
