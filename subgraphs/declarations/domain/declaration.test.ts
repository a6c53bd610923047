import { describe, expect, it } from 'vitest';
import { isNormal, validateDeclaration, type DeclarationInput } from './declaration.js';

const today = '2026-11-26';
const ok = (input: DeclarationInput) => {
  const r = validateDeclaration(input, today);
  if (!r.ok) throw new Error(`expected valid, got ${r.reason}`);
  return r.value;
};

describe(validateDeclaration.name, () => {
  it('defaults the date to today and rounds the temperature to one decimal', () => {
    expect(ok({ temperature: 36.54 })).toMatchObject({ date: today, temperature: 36.5, symptoms: [], exposures: [], trip: null, normal: true });
  });

  it.each([
    [{ temperature: 36.5, date: '2026-11-27' }, 'input.date', 'FUTURE_DATE'],
    [{ temperature: 36.5, date: '2026-11-25' }, 'input.date', 'PAST_DATE'],
    [{ temperature: 55 }, 'input.temperature', 'BAD_TEMPERATURE'],
    [{ temperature: 33.9 }, 'input.temperature', 'BAD_TEMPERATURE'],
    [{ temperature: Number.NaN }, 'input.temperature', 'BAD_TEMPERATURE'],
    [{ temperature: 36.5, symptoms: ['COUGH', 'COUGH'] }, 'input.symptoms', 'DUPLICATE_SYMPTOM'],
    [{ temperature: 36.5, exposures: [{ kind: 'KEY_AREA_STAY' }] }, 'input.exposures.0.regionCode', 'MISSING_EXPOSURE_DETAIL'],
    [{ temperature: 36.5, exposures: [{ kind: 'KEY_AREA_STAY', regionCode: '990101' }] }, 'input.exposures.0.regionCode', 'BAD_REGION'],
    [{ temperature: 36.5, exposures: [{ kind: 'ARRIVED_FROM_OTHER_PROVINCE', provinceCode: '440100' }] }, 'input.exposures.0.provinceCode', 'BAD_PROVINCE'],
    [{ temperature: 36.5, exposures: [{ kind: 'ARRIVED_FROM_OTHER_PROVINCE', provinceCode: '450000' }] }, 'input.exposures.0.provinceCode', 'BAD_PROVINCE'],
    [{ temperature: 36.5, exposures: [{ kind: 'FEVER_CLINIC_VISIT', provinceCode: '440000' }] }, 'input.exposures.0.provinceCode', 'UNEXPECTED_EXPOSURE_DETAIL'],
    [{ temperature: 36.5, exposures: [{ kind: 'FEVER_CLINIC_VISIT' }, { kind: 'FEVER_CLINIC_VISIT' }] }, 'input.exposures.1', 'DUPLICATE_EXPOSURE'],
    [{ temperature: 36.5, trip: { fromRegion: 'ABCDEF', toRegion: '450103', date: today, transport: 'TRAIN' } }, 'input.trip.fromRegion', 'BAD_REGION'],
    [{ temperature: 36.5, trip: { fromRegion: '440103', toRegion: '450103', date: '2026-12-01', transport: 'TRAIN' } }, 'input.trip.date', 'FUTURE_DATE'],
    // Trips count within 28 days: the probe's trip in 1900, and the first day outside the window.
    [{ temperature: 36.5, trip: { fromRegion: '440103', toRegion: '450103', date: '1900-01-01', transport: 'TRAIN' } }, 'input.trip.date', 'PAST_DATE'],
    [{ temperature: 36.5, trip: { fromRegion: '440103', toRegion: '450103', date: '2026-10-28', transport: 'TRAIN' } }, 'input.trip.date', 'PAST_DATE'],
  ] as [DeclarationInput, string, string][])('refuses %j at %s (%s)', (input, field, reason) => {
    expect(validateDeclaration(input, today)).toMatchObject({ ok: false, field, reason });
  });

  it.each([
    [{ temperature: 37.2 }, true],
    [{ temperature: 37.3 }, false],
    [{ temperature: 36.5, symptoms: ['FATIGUE'] }, false],
    [{ temperature: 36.5, exposures: [{ kind: 'FEVER_CLINIC_VISIT' }] }, false],
    [{ temperature: 36.5, exposures: [{ kind: 'ARRIVED_FROM_OTHER_PROVINCE', provinceCode: '440000' }] }, false],
    [{ temperature: 36.5, trip: { fromRegion: '440103', toRegion: '450103', date: today, transport: 'FLIGHT', vehicle: 'CZ3201' } }, true],
    [{ temperature: 36.5, trip: { fromRegion: '440103', toRegion: '450103', date: '2026-10-29', transport: 'TRAIN' } }, true],
  ] as [DeclarationInput, boolean][])('%j is normal: %s', (input, normal) => {
    const v = ok(input);
    expect(v.normal).toBe(normal);
    expect(isNormal(v)).toBe(normal);
  });
});
