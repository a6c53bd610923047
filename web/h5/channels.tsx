import { useEffect, useState } from 'preact/hooks';
import { request } from '../shared/client.js';
import type { Lang } from '../shared/lang.js';
import { MyChannelsDocument, UnbindChannelDocument, type ChannelBindingFieldsFragment } from './gql/graphql.js';
import { Name } from './name.js';
import { errorText } from './page.js';
import { fill, UI, VERIFICATION } from './messages.js';

/** A binding's day in the province (UTC+8). */
const day = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

/** The apps bound to the resident, with the real-name check each asserted; any but this one can be unbound. */
export function Channels({ lang }: { lang: Lang }) {
  const [bindings, setBindings] = useState<ChannelBindingFieldsFragment[]>([]);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    request(MyChannelsDocument)
      .then((data) => setBindings(data.me?.channels ?? []))
      .catch((err: unknown) => setError(err));
  }, []);

  const unbind = async (b: ChannelBindingFieldsFragment) => {
    if (!confirm(fill(UI.unbindConfirm[lang], { name: b.channel.name }))) return;
    setError(undefined);
    try {
      const data = await request(UnbindChannelDocument, { channel: b.channel.code });
      setBindings(data.unbindChannel.person.channels);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section class="card" aria-labelledby="channels">
      <h3 id="channels">{UI.channels[lang]}</h3>
      <p class="muted">{UI.channelsHint[lang]}</p>
      {error !== undefined && <p class="error" role="alert">{errorText(error, lang)}</p>}
      <ul class="members" data-testid="channels">
        {bindings.map((b) => (
          <li key={`${b.channel.code} ${b.boundAt}`} data-channel={b.channel.code}>
            <span class="member">
              <span class="org"><Name text={b.channel.name} /></span>
              <span class="muted">
                {VERIFICATION[b.verification.method]?.[lang] ?? b.verification.method} · {fill(UI.boundOn[lang], { d: day(b.boundAt) })}
              </span>
            </span>
            {b.current ? (
              <span class="muted">{UI.channelInUse[lang]}</span>
            ) : (
              <button type="button" class="secondary small-btn" onClick={() => void unbind(b)}>
                {UI.unbind[lang]}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
