import { GUANGXI, isNationalRegionCode, isProvinceCode } from '../../../common/domain/regions/index.js';

export const SYMPTOMS = ['FEVER', 'COUGH', 'FATIGUE', 'SORE_THROAT', 'SHORTNESS_OF_BREATH', 'DIARRHEA', 'LOSS_OF_TASTE_OR_SMELL'] as const;
export type Symptom = (typeof SYMPTOMS)[number];
export const EXPOSURE_KINDS = ['CONTACT_WITH_CONFIRMED', 'KEY_AREA_STAY', 'ARRIVED_FROM_OTHER_PROVINCE', 'FEVER_CLINIC_VISIT'] as const;
export type ExposureKind = (typeof EXPOSURE_KINDS)[number];
export type TransportMode = 'FLIGHT' | 'TRAIN' | 'COACH' | 'CAR' | 'SHIP' | 'OTHER';

export interface Exposure {
  kind: ExposureKind;
  regionCode: string | null;
  provinceCode: string | null;
}

export interface Trip {
  fromRegion: string;
  toRegion: string;
  date: string;
  transport: TransportMode;
  vehicle: string | null;
}

export interface DeclarationInput {
  date?: string | null;
  temperature: number;
  symptoms?: readonly Symptom[] | null;
  exposures?: readonly { kind: ExposureKind; regionCode?: string | null; provinceCode?: string | null }[] | null;
  trip?: { fromRegion: string; toRegion: string; date: string; transport: TransportMode; vehicle?: string | null } | null;
}

export interface ValidDeclaration {
  date: string;
  temperature: number;
  symptoms: Symptom[];
  exposures: Exposure[];
  trip: Trip | null;
  normal: boolean;
}

export type DeclarationResult = { ok: true; value: ValidDeclaration } | { ok: false; field: string; reason: string; message: string };

/** SPEC §2: a declaration is normal below 37.3 °C with no symptom and no exposure. */
export const FEVER_THRESHOLD = 37.3;
export const MIN_TEMPERATURE = 34.0;
export const MAX_TEMPERATURE = 43.0;

export function isNormal(d: Pick<ValidDeclaration, 'temperature' | 'symptoms' | 'exposures'>): boolean {
  return d.temperature < FEVER_THRESHOLD && d.symptoms.length === 0 && d.exposures.length === 0;
}

const fail = (field: string, reason: string, message: string): DeclarationResult => ({ ok: false, field, reason, message });

/** A trip counts for the code only while it can still matter: it started at most this many days ago. */
export const TRIP_WINDOW_DAYS = 28;

/** The calendar date `n` days before `date` (both YYYY-MM-DD; UTC arithmetic on dates has no DST). */
function daysBefore(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Validates a declaration completely before anything is written. Only today can be declared: a
 * missed day stays missed (the 14-day rule counts on it), and tomorrow has not happened.
 */
export function validateDeclaration(input: DeclarationInput, today: string): DeclarationResult {
  const date = input.date ?? today;
  if (date > today) return fail('input.date', 'FUTURE_DATE', `date ${date} is in the future; declare on the day itself`);
  if (date < today) return fail('input.date', 'PAST_DATE', `date ${date} has passed; only today (${today}) can be declared`);
  const t = input.temperature;
  if (!Number.isFinite(t) || t < MIN_TEMPERATURE || t > MAX_TEMPERATURE) {
    return fail('input.temperature', 'BAD_TEMPERATURE', `temperature must be between ${MIN_TEMPERATURE} and ${MAX_TEMPERATURE} °C`);
  }
  const symptoms = [...(input.symptoms ?? [])];
  if (new Set(symptoms).size !== symptoms.length) return fail('input.symptoms', 'DUPLICATE_SYMPTOM', 'each symptom may be listed once');

  const exposures: Exposure[] = [];
  for (const [i, e] of (input.exposures ?? []).entries()) {
    const field = `input.exposures.${i}`;
    const regionCode = e.regionCode?.trim() || null;
    const provinceCode = e.provinceCode?.trim() || null;
    if (e.kind === 'KEY_AREA_STAY') {
      if (!regionCode) return fail(`${field}.regionCode`, 'MISSING_EXPOSURE_DETAIL', 'KEY_AREA_STAY needs the regionCode of the area');
      if (!isNationalRegionCode(regionCode)) return fail(`${field}.regionCode`, 'BAD_REGION', `${regionCode} is not a GB/T 2260 region code`);
    } else if (regionCode) {
      return fail(`${field}.regionCode`, 'UNEXPECTED_EXPOSURE_DETAIL', `regionCode belongs to KEY_AREA_STAY only`);
    }
    if (e.kind === 'ARRIVED_FROM_OTHER_PROVINCE') {
      if (!provinceCode) return fail(`${field}.provinceCode`, 'MISSING_EXPOSURE_DETAIL', 'ARRIVED_FROM_OTHER_PROVINCE needs the provinceCode');
      if (!isProvinceCode(provinceCode)) return fail(`${field}.provinceCode`, 'BAD_PROVINCE', `${provinceCode} is not a GB/T 2260 province code`);
      if (provinceCode === GUANGXI) return fail(`${field}.provinceCode`, 'BAD_PROVINCE', 'arriving from Guangxi is not arriving from another province');
    } else if (provinceCode) {
      return fail(`${field}.provinceCode`, 'UNEXPECTED_EXPOSURE_DETAIL', 'provinceCode belongs to ARRIVED_FROM_OTHER_PROVINCE only');
    }
    if (exposures.some((x) => x.kind === e.kind && x.regionCode === regionCode && x.provinceCode === provinceCode)) {
      return fail(field, 'DUPLICATE_EXPOSURE', 'each exposure may be listed once');
    }
    exposures.push({ kind: e.kind, regionCode, provinceCode });
  }

  let trip: Trip | null = null;
  if (input.trip) {
    const { fromRegion, toRegion, date: tripDate, transport } = input.trip;
    if (!isNationalRegionCode(fromRegion)) return fail('input.trip.fromRegion', 'BAD_REGION', `${fromRegion} is not a GB/T 2260 region code`);
    if (!isNationalRegionCode(toRegion)) return fail('input.trip.toRegion', 'BAD_REGION', `${toRegion} is not a GB/T 2260 region code`);
    if (tripDate > today) return fail('input.trip.date', 'FUTURE_DATE', 'a trip is declared once it has started');
    if (tripDate < daysBefore(today, TRIP_WINDOW_DAYS)) {
      return fail('input.trip.date', 'PAST_DATE', `a trip is declared within ${TRIP_WINDOW_DAYS} days of its start (on or after ${daysBefore(today, TRIP_WINDOW_DAYS)})`);
    }
    const vehicle = input.trip.vehicle?.trim() || null;
    if (vehicle && vehicle.length > 32) return fail('input.trip.vehicle', 'BAD_VEHICLE', 'vehicle must be at most 32 characters');
    trip = { fromRegion, toRegion, date: tripDate, transport, vehicle };
  }

  // One decimal, as thermometers read; stored as numeric(3,1).
  const temperature = Math.round(t * 10) / 10;
  const value = { date, temperature, symptoms, exposures, trip, normal: false };
  value.normal = isNormal(value);
  return { ok: true, value };
}
