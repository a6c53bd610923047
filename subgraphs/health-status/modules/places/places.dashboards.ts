import { instantWindow } from '../../../../common/domain/windows.js';
import type { HealthStatusContext } from '../../context.js';
import { placeHourRows, type PlaceHourCountRow } from '../../domain/places.js';

/** Check-ins per place and hour from the maintained counters, small counts hidden. */
export async function placeCheckInsPerHour(ctx: HealthStatusContext, from: string, to: string): Promise<PlaceHourCountRow[]> {
  const [f, t] = instantWindow(from, to);
  return placeHourRows(await ctx.repo.places.checkInsPerHour(f, t));
}
