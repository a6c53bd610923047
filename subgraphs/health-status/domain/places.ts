import { suppressSmall } from '../../../common/domain/aggregates.js';
import type { HiddenCellRow } from './dashboards.js';

/** One dashboard row of `placeCheckInsPerHour` (the SDL's PlaceHourCount). */
export interface PlaceHourCountRow {
  placeId: string;
  hour: string;
  checkIns: number | null;
  hidden: HiddenCellRow[];
}

/** Pure: counts per place and hour to rows with a count from 1 to 4 hidden (a lone count: nothing to subtract from). */
export function placeHourRows(counts: readonly { placeId: string; hour: string; n: number }[]): PlaceHourCountRow[] {
  return counts.map((c) => {
    const checkIns = suppressSmall(c.n);
    return { placeId: c.placeId, hour: c.hour, checkIns, hidden: checkIns === null ? [{ field: 'checkIns', color: null, reason: 'SMALL_COUNT' as const }] : [] };
  });
}

/** Pure: the first instant the purge keeps; visits before it are past the tracing window. */
export function purgeBefore(now: Date, retentionDays: number): string {
  return new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
}

/** Pure: an instant as the province reads it, `YYYY-MM-DD HH:mm` in UTC+8. */
function provinceTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Pure: a place window's note on each designation: the place, the window in province time, the caller's note. */
export function windowNote(placeName: string, from: string, to: string, note: string | null): string {
  return [`场所 ${placeName} ${provinceTime(from)}–${provinceTime(to)} (UTC+8)`, note].filter(Boolean).join(' · ');
}
