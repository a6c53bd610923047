import { BadUserInputError, ForbiddenError } from '../../../../common/platform/errors.js';
import { isUuid } from '../../../../common/platform/ids.js';
import type { HealthStatusContext } from '../../context.js';
import { callingCheckpoint, checkTemperature, scanIdOf, scanTime, verifyCode, type VerifyInput, type VerifyOutcome } from './scans.service.js';

/** A car holds a few people; a bus is scanned passenger by passenger. */
export const MAX_PASSENGERS = 20;
/** Letters (including 桂 and the other provinces' characters), digits, and the separators plates are written with. */
const PLATE = /^[\p{Script=Han}A-Za-z0-9·-]{1,16}$/u;

export interface RoadCheckInput {
  id: string;
  plate?: string | null;
  scannedAt?: string | null;
  passengers: VerifyInput[];
}

export interface RoadCheckOutcome {
  id: string;
  plate: string | null;
  people: number;
  green: number;
  yellow: number;
  red: number;
  unreadable: number;
  pass: boolean;
  checkedAt: string;
  passengers: VerifyOutcome[];
}

/** Counts a group's answers by colour: what the officer reads as "4 人 · 3 绿 1 黄". */
export function countGroup(passengers: readonly Pick<VerifyOutcome, 'color' | 'pass'>[]) {
  const n = (c: string) => passengers.filter((p) => p.color === c).length;
  return {
    people: passengers.length,
    green: n('GREEN'),
    yellow: n('YELLOW'),
    red: n('RED'),
    unreadable: passengers.filter((p) => p.color === null).length,
    pass: passengers.every((p) => p.pass),
  };
}

/**
 * A road check: every passenger verified as one scan naming the check, then the check itself,
 * each recorded once under the phone's ids, so a check sent again (a queue synced twice, a lost
 * answer) records nothing new and answers as the first time. Everything is checked before
 * anything is recorded.
 */
export async function recordRoadCheck(ctx: HealthStatusContext, input: RoadCheckInput): Promise<RoadCheckOutcome> {
  const checkpoint = await callingCheckpoint(ctx);
  if (checkpoint.kind !== 'ROAD_CHECKPOINT') throw new ForbiddenError('Only a road checkpoint records road checks', { reason: 'NOT_A_ROAD_CHECKPOINT' });
  if (!isUuid(input.id)) throw new BadUserInputError('input.id must be a UUID', { field: 'input.id', reason: 'BAD_SCAN_ID' });
  const plate = input.plate?.trim().toUpperCase() || null;
  if (plate !== null && !PLATE.test(plate)) throw new BadUserInputError('input.plate must be 1-16 letters, digits or Chinese characters', { field: 'input.plate', reason: 'BAD_PLATE' });
  if (!input.passengers.length || input.passengers.length > MAX_PASSENGERS) {
    throw new BadUserInputError(`a road check holds 1 to ${MAX_PASSENGERS} passengers`, { field: 'input.passengers', reason: 'BAD_PASSENGERS' });
  }
  const now = ctx.clock();
  const checkedAt = scanTime(input.scannedAt, now, 'input.scannedAt') ?? now;
  const seen = new Set<string>();
  for (const [i, p] of input.passengers.entries()) {
    const field = `input.passengers.${i}`;
    // Each member needs its own id from the phone, or a second send would record it twice.
    const scanId = scanIdOf(p.scanId, `${field}.scanId`);
    if (!scanId || seen.has(scanId)) throw new BadUserInputError(`${field}.scanId must be a UUID of its own`, { field: `${field}.scanId`, reason: 'BAD_SCAN_ID' });
    seen.add(scanId);
    checkTemperature(p.temperature);
    scanTime(p.scannedAt, now, `${field}.scannedAt`);
  }
  const passengers: VerifyOutcome[] = [];
  for (const [i, p] of input.passengers.entries()) {
    passengers.push(await verifyCode(ctx, { ...p, scannedAt: p.scannedAt ?? input.scannedAt ?? null }, { roadCheckId: input.id, field: `input.passengers.${i}` }));
  }
  const counts = countGroup(passengers);
  const row = await ctx.repo.checkpoints.insertRoadCheckOnce({ checkpointId: checkpoint.id, id: input.id, plate, at: checkedAt.toISOString(), recordedAt: now.toISOString(), ...counts });
  return { id: row.id, plate: row.plate, people: row.people, green: row.green, yellow: row.yellow, red: row.red, unreadable: row.unreadable, pass: row.pass, checkedAt: new Date(row.at).toISOString(), passengers };
}
