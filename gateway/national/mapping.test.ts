import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../common/platform/errors.js';
import * as map from './mapping.js';

/** The error a mapping throws, as `field reason`. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof BadUserInputError) return `${String(err.extensions.field)} ${String(err.extensions.reason)}`;
    throw err;
  }
  return 'accepted';
}

describe('GB/T 38963 request bodies into graph variables', () => {
  it.each([
    ['person items with GB/T 2261.1 sex 1', { name: '张三', sex: '1', documentNumber: 'X', region: '450103' }, { input: { name: '张三', sex: 'MALE', documentNumber: 'X', region: '450103', documentType: 'RESIDENT_ID' } }],
    ['sex 2, a passport, phone and address kept', { name: 'A', sex: '2', documentType: 'PASSPORT', documentNumber: 'E1', region: '450103', phone: '138', address: '路' }, { input: { name: 'A', sex: 'FEMALE', documentType: 'PASSPORT', documentNumber: 'E1', region: '450103', phone: '138', address: '路' } }],
    ['sex 9 (unstated) leaves the item out', { name: 'A', sex: '9', documentNumber: 'X', region: '450103' }, { input: { name: 'A', documentNumber: 'X', region: '450103', documentType: 'RESIDENT_ID' } }],
  ])('codes: %s', (_name, body, variables) => {
    expect(map.applyVariables(body)).toEqual(variables);
  });

  it.each([
    ['codes', () => map.applyVariables({ name: 'A', region: '450103' }), 'documentNumber REQUIRED'],
    ['codes', () => map.applyVariables({ name: 'A', documentNumber: 'X', region: '450103', sex: 'M' }), 'sex UNKNOWN_VALUE'],
    ['codes', () => map.applyVariables({ name: 'A', documentNumber: 'X', region: '450103', nationality: 'CHN' }), 'nationality UNKNOWN_ITEM'],
    ['codes', () => map.applyVariables({ name: 7, documentNumber: 'X', region: '450103' }), 'name NOT_A_STRING'],
    ['health-declarations', () => map.healthDeclarationVariables({}), 'temperature REQUIRED'],
    ['health-declarations', () => map.healthDeclarationVariables({ temperature: 36.5, symptoms: ['HEADACHE'] }), 'symptoms UNKNOWN_VALUE'],
    ['health-declarations', () => map.healthDeclarationVariables({ temperature: 36.5, exposures: [{ regionCode: '450103' }] }), 'exposures[0].kind REQUIRED'],
    ['health-declarations', () => map.healthDeclarationVariables({ temperature: 36.5, exposures: [{ kind: 'KEY_AREA_STAY', when: 'x' }] }), 'when UNKNOWN_ITEM'],
    ['trip-declarations', () => map.tripDeclarationVariables({ temperature: 36.5 }), 'trip REQUIRED'],
    ['trip-declarations', () => map.tripDeclarationVariables({ temperature: 36.5, trip: { departureRegion: '440100', destinationRegion: '450103', travelDate: '2026-12-08', transport: 'BIKE' } }), 'trip.transport UNKNOWN_VALUE'],
    ['trip-declarations', () => map.tripDeclarationVariables({ temperature: 36.5, trip: { destinationRegion: '450103', travelDate: '2026-12-08', transport: 'CAR' } }), 'trip.departureRegion REQUIRED'],
    ['health-info', () => map.healthInfoVariables({ days: 29 }), 'days OUT_OF_RANGE'],
    ['health-info', () => map.healthInfoVariables({ days: 1.5 }), 'days OUT_OF_RANGE'],
    ['code-verifications', () => map.verifyVariables({}), 'codeValue REQUIRED'],
    ['corrections', () => map.correctionVariables({ reasonCode: 'R_X' }, 'p'), 'statement REQUIRED'],
    ['corrections', () => map.correctionVariables({ reasonCode: 'R_X', statement: 's', ground: 'WRONG' }, 'p'), 'ground UNKNOWN_VALUE'],
    ['any', () => map.bodyObject([]), 'body NOT_AN_OBJECT'],
    ['any', () => map.bodyObject(null), 'body NOT_AN_OBJECT'],
  ])('%s refuses, naming the data item: %s', (_op, fn, expected) => {
    expect(refusal(fn)).toBe(expected);
  });

  it('a trip declaration is a health declaration with its trip, in the graph’s names', () => {
    const body = { temperature: 36.6, symptoms: ['COUGH'], trip: { departureRegion: '440100', destinationRegion: '450103', travelDate: '2026-12-08', transport: 'TRAIN', vehicleNumber: 'D3601' } };
    expect(map.tripDeclarationVariables(body)).toEqual({
      input: { temperature: 36.6, symptoms: ['COUGH'], exposures: [], trip: { fromRegion: '440100', toRegion: '450103', date: '2026-12-08', transport: 'TRAIN', vehicle: 'D3601' } },
    });
  });

  it('health-info asks 14 days by default; a correction names the person the graph found, never one the body names', () => {
    expect(map.healthInfoVariables({})).toEqual({ first: 14 });
    expect(refusal(() => map.correctionVariables({ reasonCode: 'R', statement: 's', personId: 'someone-else' }, 'p1'))).toBe('personId UNKNOWN_ITEM');
    expect(map.correctionVariables({ reasonCode: 'R', statement: 's' }, 'p1')).toEqual({ input: { personId: 'p1', reasonCode: 'R', statement: 's', ground: 'DISPUTED_CAUSE' } });
  });
});

describe('graph answers into GB/T 38962 data items', () => {
  it('a code: colour, code value, validity and the issuing province', () => {
    expect(map.codeAnswer({ healthCode: { color: 'GREEN', token: 't', expiresAt: 'e', ruleVersion: 'gx-2026.1' } }, true, '450000')).toEqual({
      codeColor: 'GREEN',
      codeValue: 't',
      validUntil: 'e',
      issuer: '450000',
      ruleVersion: 'gx-2026.1',
      newlyRegistered: true,
    });
  });

  it('a verification without a person says so with null, not an absent item', () => {
    expect(map.verifyAnswer({ pass: false, reason: 'EXPIRED', color: null, tokenColor: null, paper: false, checkedAt: 'c', person: null })).toEqual({
      pass: false,
      codeColor: null,
      codeColorInCode: null,
      reason: 'EXPIRED',
      paperCode: false,
      checkedAt: 'c',
      maskedName: null,
    });
  });

  it.each([
    ['BAD_USER_INPUT', 400],
    ['UNAUTHENTICATED', 401],
    ['FORBIDDEN', 403],
    ['NOT_FOUND', 404],
    ['CONFLICT', 409],
    ['RATE_LIMITED', 429],
    ['SUBGRAPH_UNAVAILABLE', 503],
    ['INTERNAL_SERVER_ERROR', 500],
    ['SOMETHING_NEW', 500],
  ])('%s answers HTTP %i', (code, status) => {
    expect(map.statusOf(code)).toBe(status);
  });
});
