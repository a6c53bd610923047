import { BadUserInputError } from '../../common/platform/errors.js';

/**
 * The GB/T 38963 interface's JSON, both ways: a request body in the standard's data items (GB/T 38962,
 * named in English after the data element, e.g. 证件号码 → `documentNumber`) into the variables of one
 * published graph operation (operations/national/), and that operation's data back into data items.
 * Pure: no I/O, table-tested in mapping.test.ts. docs/interop.md lists every item and what the graph
 * cannot supply.
 */

export type Json = Record<string, unknown>;

/** The interface's operations, by the path segment after `/gbt38963/v1/`. */
export const NATIONAL_OPERATIONS = ['codes', 'health-declarations', 'trip-declarations', 'health-info', 'code-verifications', 'corrections'] as const;
export type NationalOperation = (typeof NATIONAL_OPERATIONS)[number];

/** GB/T 2261.1 sex codes: 1 male, 2 female (0 unknown and 9 unstated leave the item out). */
const SEX: Record<string, 'MALE' | 'FEMALE' | undefined> = { '0': undefined, '1': 'MALE', '2': 'FEMALE', '9': undefined };
const DOCUMENT_TYPES = ['RESIDENT_ID', 'PASSPORT', 'HK_MACAO_PERMIT', 'TAIWAN_PERMIT', 'FOREIGN_PERMANENT_RESIDENT'];
const SYMPTOMS = ['FEVER', 'COUGH', 'FATIGUE', 'SORE_THROAT', 'SHORTNESS_OF_BREATH', 'DIARRHEA', 'LOSS_OF_TASTE_OR_SMELL'];
const EXPOSURES = ['CONTACT_WITH_CONFIRMED', 'KEY_AREA_STAY', 'ARRIVED_FROM_OTHER_PROVINCE', 'FEVER_CLINIC_VISIT'];
const TRANSPORT = ['FLIGHT', 'TRAIN', 'COACH', 'CAR', 'SHIP', 'OTHER'];
const GROUNDS = ['DISPUTED_CAUSE', 'MISTAKEN_ENTRY'];

const bad = (field: string, reason: string, message: string) => new BadUserInputError(message, { field, reason });

/** The request body as an object, or BAD_USER_INPUT: the interface takes a JSON object and nothing else. */
export function bodyObject(body: unknown): Json {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw bad('body', 'NOT_AN_OBJECT', 'The request body must be a JSON object');
  return body as Json;
}

function text(body: Json, field: string, required: true): string;
function text(body: Json, field: string, required?: false): string | undefined;
function text(body: Json, field: string, required = false): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) {
    if (required) throw bad(field, 'REQUIRED', `${field} is required`);
    return undefined;
  }
  if (typeof v !== 'string') throw bad(field, 'NOT_A_STRING', `${field} must be a string`);
  return v;
}

function oneOf(body: Json, field: string, allowed: readonly string[]): string | undefined {
  const v = text(body, field);
  if (v !== undefined && !allowed.includes(v)) throw bad(field, 'UNKNOWN_VALUE', `${field} must be one of ${allowed.join(', ')}`);
  return v;
}

function list(body: Json, field: string, allowed: readonly string[]): string[] {
  const v = body[field] ?? [];
  if (!Array.isArray(v) || v.length > allowed.length || !v.every((s) => typeof s === 'string' && allowed.includes(s))) {
    throw bad(field, 'UNKNOWN_VALUE', `${field} must be a list of ${allowed.join(', ')}`);
  }
  return v as string[];
}

function temperature(body: Json): number {
  const t = body.temperature;
  if (typeof t !== 'number') throw bad('temperature', 'REQUIRED', 'temperature (体温, °C) is required, a number');
  return t;
}

/** Only the items this operation knows: a data item the graph cannot take is refused by name, not dropped. */
function onlyItems(body: Json, items: readonly string[]): void {
  const unknown = Object.keys(body).find((k) => !items.includes(k));
  if (unknown) throw bad(unknown, 'UNKNOWN_ITEM', `${unknown} is not a data item of this operation (accepted: ${items.join(', ') || 'none'})`);
}

/** 申领/制码: the person items (个人基本信息) as `registerPerson`'s input. */
export function applyVariables(body: Json): Json {
  onlyItems(body, ['name', 'sex', 'documentType', 'documentNumber', 'birthDate', 'phone', 'region', 'address']);
  const sex = text(body, 'sex');
  if (sex !== undefined && !(sex in SEX)) throw bad('sex', 'UNKNOWN_VALUE', 'sex must be a GB/T 2261.1 code: 0, 1, 2 or 9');
  const mapped = sex === undefined ? undefined : SEX[sex];
  const input: Json = {
    name: text(body, 'name', true),
    documentNumber: text(body, 'documentNumber', true),
    region: text(body, 'region', true),
    documentType: oneOf(body, 'documentType', DOCUMENT_TYPES) ?? 'RESIDENT_ID',
  };
  if (mapped) input.sex = mapped;
  for (const k of ['birthDate', 'phone', 'address'] as const) {
    const v = text(body, k);
    if (v !== undefined) input[k] = v;
  }
  return { input };
}

function exposures(body: Json): Json[] {
  const v = body.exposures ?? [];
  if (!Array.isArray(v) || v.length > 20) throw bad('exposures', 'NOT_A_LIST', 'exposures must be a list (at most 20)');
  return v.map((e: unknown, i) => {
    const field = `exposures[${i}]`;
    if (!e || typeof e !== 'object') throw bad(field, 'NOT_AN_OBJECT', `${field} must be an object`);
    const item = e as Json;
    onlyItems(item, ['kind', 'regionCode', 'provinceCode']);
    const kind = oneOf(item, 'kind', EXPOSURES);
    if (!kind) throw bad(`${field}.kind`, 'REQUIRED', `${field}.kind is required`);
    const out: Json = { kind };
    for (const k of ['regionCode', 'provinceCode'] as const) {
      const c = text(item, k);
      if (c !== undefined) out[k] = c;
    }
    return out;
  });
}

/** 健康申报: temperature, symptoms and exposures of today (the province's date) as `submitDeclaration`'s input. */
export function healthDeclarationVariables(body: Json): Json {
  onlyItems(body, ['temperature', 'symptoms', 'exposures']);
  return { input: { temperature: temperature(body), symptoms: list(body, 'symptoms', SYMPTOMS), exposures: exposures(body) } };
}

/** 行程申报: a health declaration with its trip (出发地, 目的地, 出行日期, 交通方式, 车次/航班号). */
export function tripDeclarationVariables(body: Json): Json {
  onlyItems(body, ['temperature', 'symptoms', 'exposures', 'trip']);
  const trip = body.trip;
  if (!trip || typeof trip !== 'object' || Array.isArray(trip)) throw bad('trip', 'REQUIRED', 'trip is required, an object');
  const t = trip as Json;
  onlyItems(t, ['departureRegion', 'destinationRegion', 'travelDate', 'transport', 'vehicleNumber']);
  const field = (k: string) => `trip.${k}`;
  const need = (k: string) => {
    const v = t[k];
    if (typeof v !== 'string') throw bad(field(k), 'REQUIRED', `${field(k)} is required, a string`);
    return v;
  };
  const transport = need('transport');
  if (!TRANSPORT.includes(transport)) throw bad(field('transport'), 'UNKNOWN_VALUE', `trip.transport must be one of ${TRANSPORT.join(', ')}`);
  const out: Json = { fromRegion: need('departureRegion'), toRegion: need('destinationRegion'), date: need('travelDate'), transport };
  if (t.vehicleNumber !== undefined) out.vehicle = need('vehicleNumber');
  const { trip: _trip, ...health } = body;
  const { input } = healthDeclarationVariables(health) as { input: Json };
  return { input: { ...input, trip: out } };
}

/** 查询健康信息: how many days of declarations to include (1-28, 14 by default). */
export function healthInfoVariables(body: Json): Json {
  onlyItems(body, ['days']);
  const days = body.days ?? 14;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 28) throw bad('days', 'OUT_OF_RANGE', 'days must be an integer from 1 to 28');
  return { first: days };
}

/** 验码: the code value (码值) as scanned, and a temperature measured there (体温) if any. */
export function verifyVariables(body: Json): Json {
  onlyItems(body, ['codeValue', 'temperature']);
  const input: Json = { token: text(body, 'codeValue', true) };
  if (body.temperature !== undefined) input.temperature = temperature(body);
  return { input };
}

/** 纠错: which reason of the colour is wrong, on what ground, and the resident's statement. */
export function correctionVariables(body: Json, personId: string): Json {
  onlyItems(body, ['reasonCode', 'designationId', 'ground', 'declarationDate', 'statement']);
  const input: Json = { personId, reasonCode: text(body, 'reasonCode', true), statement: text(body, 'statement', true), ground: oneOf(body, 'ground', GROUNDS) ?? 'DISPUTED_CAUSE' };
  for (const k of ['designationId', 'declarationDate'] as const) {
    const v = text(body, k);
    if (v !== undefined) input[k] = v;
  }
  return { input };
}

// ── answers: the graph's data as data items ──

type Code = { color: string; token: string; expiresAt: string; ruleVersion: string };

/** 码颜色, 码值, 有效期, 发码机构 (our GB/T 2260 province code) and the rule set that decided the colour. */
export function codeAnswer(me: { healthCode: Code }, created: boolean, provinceCode: string): Json {
  const c = me.healthCode;
  return { codeColor: c.color, codeValue: c.token, validUntil: c.expiresAt, issuer: provinceCode, ruleVersion: c.ruleVersion, newlyRegistered: created };
}

type Declaration = { date: string; temperature: number; symptoms: string[]; normal: boolean; submittedAt: string; exposures?: Json[] };

export function declarationAnswer(d: { declaration: Declaration & { version: number }; person: { healthCode: { color: string } } }): Json {
  const x = d.declaration;
  return { declarationDate: x.date, version: x.version, temperature: x.temperature, symptoms: x.symptoms, normal: x.normal, submittedAt: x.submittedAt, codeColor: d.person.healthCode.color };
}

type HealthInfo = {
  maskedName: string;
  healthCode: { color: string; ruleVersion: string; greenOn: string | null; reasons: { code: string; color: string; since: string; source: string; correctionPending: boolean }[] };
  declarations: { edges: { node: Declaration }[] };
};

export function healthInfoAnswer(me: HealthInfo): Json {
  return {
    maskedName: me.maskedName,
    codeColor: me.healthCode.color,
    ruleVersion: me.healthCode.ruleVersion,
    greenOn: me.healthCode.greenOn,
    reasons: me.healthCode.reasons.map((r) => ({ reasonCode: r.code, color: r.color, since: r.since, source: r.source, correctionPending: r.correctionPending })),
    declarations: me.declarations.edges.map(({ node: n }) => ({
      declarationDate: n.date,
      temperature: n.temperature,
      symptoms: n.symptoms,
      exposures: n.exposures ?? [],
      normal: n.normal,
      submittedAt: n.submittedAt,
    })),
  };
}

type Verified = { pass: boolean; reason: string | null; color: string | null; tokenColor: string | null; paper: boolean; checkedAt: string; person: { maskedName: string } | null };

export function verifyAnswer(v: Verified): Json {
  return { pass: v.pass, codeColor: v.color, codeColorInCode: v.tokenColor, reason: v.reason, paperCode: v.paper, checkedAt: v.checkedAt, maskedName: v.person?.maskedName ?? null };
}

type Appeal = { id: string; reasonCode: string; ground: string; declarationDate: string | null; status: string; filedAt: string };

export function correctionAnswer(a: Appeal): Json {
  return { correctionId: a.id, reasonCode: a.reasonCode, ground: a.ground, declarationDate: a.declarationDate, status: a.status, filedAt: a.filedAt };
}

/** The HTTP status of an error code, for the interface's own JSON body (docs/errors.md's table). */
export function statusOf(code: string): number {
  const statuses: Record<string, number> = {
    BAD_USER_INPUT: 400,
    OPERATION_LIMIT: 400,
    GRAPHQL_VALIDATION_FAILED: 400,
    UNAUTHENTICATED: 401,
    FORBIDDEN: 403,
    NOT_FOUND: 404,
    CONFLICT: 409,
    RATE_LIMITED: 429,
    SUBGRAPH_UNAVAILABLE: 503,
    SERVICE_UNAVAILABLE: 503,
  };
  return statuses[code] ?? 500;
}
