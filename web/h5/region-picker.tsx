import { useState } from 'preact/hooks';
import type { Lang } from '../shared/lang.js';
import { fill, UI } from './messages.js';
import { useRegions, type Regions } from './regions.js';

/** The picker's fieldset id prefix, its legend, the code picked and how to report a new one. */
type Props = { id: string; legend: string; value: string; onChange: (code: string) => void; lang: Lang; provincesOnly?: boolean };

/**
 * Province → city → county, never a code: three native selects (each level appears once the one above
 * has children) and a search by name or pinyin initials ("sz" → 广东省 深圳市) that fills them in.
 * `value` is the most specific code picked ('' for none); the code goes to the API, the resident sees
 * names. With `provincesOnly` it asks for a province alone (where someone arrived from).
 */
export function RegionPicker(props: Props) {
  const regions = useRegions();
  return regions ? (
    <Picker {...props} regions={regions} />
  ) : (
    <fieldset class="region-picker" data-picker={props.id} aria-busy="true">
      <legend>{props.legend}</legend>
      <p class="muted">{UI.loading[props.lang]}</p>
    </fieldset>
  );
}

function Picker({ id, legend, value, onChange, lang, provincesOnly = false, regions }: Props & { regions: Regions }) {
  const [query, setQuery] = useState('');
  const path = regions.pathOf(value);
  const hits = regions.search(query, { provincesOnly });
  const levels: { key: string; label: string; parent: string | null }[] = [{ key: 'province', label: UI.province[lang], parent: null }];
  if (!provincesOnly) {
    if (path[0] && regions.childrenOf(path[0].code).length > 0) levels.push({ key: 'city', label: UI.city[lang], parent: path[0].code });
    if (path[1] && regions.childrenOf(path[1].code).length > 0) levels.push({ key: 'county', label: UI.county[lang], parent: path[1].code });
  }
  return (
    <fieldset class="region-picker" data-picker={id}>
      <legend>{legend}</legend>
      <label for={`${id}-search`}>
        {UI.regionSearch[lang]}
        <input id={`${id}-search`} type="search" autoComplete="off" enterKeyHint="search" value={query} aria-controls={`${id}-hits`} onInput={(e) => setQuery(e.currentTarget.value)} />
      </label>
      {/* Always there, so a screen reader announces the results as they change. */}
      <div id={`${id}-hits`} aria-live="polite">
        {query.trim() !== '' &&
          (hits.length > 0 ? (
            <ul class="region-hits" aria-label={UI.regionHits[lang]}>
              {hits.map((h) => (
                <li key={h.code}>
                  <button
                    type="button"
                    class="secondary"
                    data-code={h.code}
                    onClick={() => {
                      onChange(h.code);
                      setQuery('');
                    }}
                  >
                    <span lang="zh-CN">{regions.fullName(h.code)}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{UI.regionNoMatch[lang]}</p>
          ))}
      </div>
      <div class="grid2">
        {levels.map((l, i) => (
          <label key={l.key}>
            {l.label}
            <select name={`${id}-${l.key}`} value={path[i]?.code ?? ''} onChange={(e) => onChange(e.currentTarget.value || (l.parent ?? ''))}>
              <option value="">{UI.choose[lang]}</option>
              {regions.childrenOf(l.parent).map((r) => (
                <option key={r.code} value={r.code} lang="zh-CN">
                  {r.name}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {value && (
        <p class="picked" data-testid={`${id}-picked`} data-code={value}>
          {fill(UI.picked[lang], { name: '' })}
          <span lang="zh-CN">{regions.fullName(value)}</span>
        </p>
      )}
    </fieldset>
  );
}
