/**
 * What free text the graph accepts, in one place: every String and ID argument of every subgraph
 * goes through `textProblem` (see input-hygiene.ts) before a resolver runs. The limits are
 * documented in the SDL beside each field; this table is the one that enforces them.
 */

export type TextKind = 'NAME' | 'ADDRESS' | 'NOTE' | 'CODE' | 'CURSOR' | 'KEY' | 'TOKEN' | 'TEXT';

export interface TextRule {
  /** At most this many characters (Unicode code points). */
  max: number;
  /** Line breaks and tabs allowed (free prose); other control characters never are. */
  multiline: boolean;
  /** Bidirectional embeddings, overrides and isolates allowed: never where a name or code is expected. */
  bidi: boolean;
}

export const TEXT_RULES: Record<TextKind, TextRule> = {
  NAME: { max: 50, multiline: false, bidi: false },
  ADDRESS: { max: 200, multiline: false, bidi: false },
  NOTE: { max: 2000, multiline: true, bidi: true },
  CODE: { max: 64, multiline: false, bidi: false },
  CURSOR: { max: 256, multiline: false, bidi: false },
  KEY: { max: 128, multiline: false, bidi: false },
  TOKEN: { max: 8192, multiline: false, bidi: false },
  TEXT: { max: 2000, multiline: false, bidi: true },
};

/** Input field and argument names by what they hold; anything not listed is TEXT. */
const KIND_BY_NAME: Record<string, TextKind> = {
  name: 'NAME',
  address: 'ADDRESS',
  note: 'NOTE',
  statement: 'NOTE',
  after: 'CURSOR',
  token: 'TOKEN',
  attestation: 'TOKEN',
  id: 'CODE',
  documentNumber: 'CODE',
  number: 'CODE',
  phone: 'CODE',
  region: 'CODE',
  regionCode: 'CODE',
  provinceCode: 'CODE',
  fromRegion: 'CODE',
  toRegion: 'CODE',
  vehicle: 'CODE',
  reasonCode: 'CODE',
  // A partner's idempotency key: 8-128 characters by the interop contract.
  requestId: 'KEY',
  code: 'CODE',
  channel: 'CODE',
  creditCode: 'CODE',
  ticket: 'CODE',
  // Sealed references handed to an employer, a hotline operator or a grid worker (common/domain/sealed-ref.ts).
  caller: 'TOKEN',
  subject: 'TOKEN',
};

/** The kind of text an input field holds, from its name (`guardianId` and other ids are codes). */
export function textKindOf(fieldName: string): TextKind {
  return KIND_BY_NAME[fieldName] ?? (/Id$/.test(fieldName) ? 'CODE' : 'TEXT');
}

export type TextReason = 'CONTROL_CHARACTER' | 'BIDI_CONTROL' | 'BAD_UNICODE' | 'TOO_LONG';

// C0 and C1 controls and DEL; NUL among them (PostgreSQL cannot store it in text at all).
const CONTROL = /\p{Cc}/u;
const CONTROL_EXCEPT_LINES = /[^\P{Cc}\n\r\t]/u;
// Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI) and the marks.
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
// A lone surrogate is not a character: JSON can carry one, UTF-8 cannot.
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a value is not acceptable text of its kind, or null when it is. */
export function textProblem(value: string, kind: TextKind): { reason: TextReason; message: string } | null {
  const rule = TEXT_RULES[kind];
  if (LONE_SURROGATE.test(value)) return { reason: 'BAD_UNICODE', message: 'contains a lone surrogate, which is not a character' };
  if ((rule.multiline ? CONTROL_EXCEPT_LINES : CONTROL).test(value)) return { reason: 'CONTROL_CHARACTER', message: 'contains a control character' };
  if (!rule.bidi && BIDI.test(value)) return { reason: 'BIDI_CONTROL', message: 'contains a bidirectional control character' };
  // Counted in code points, so a name in CJK Extension B is as long as it looks.
  if (value.length > rule.max && [...value].length > rule.max) return { reason: 'TOO_LONG', message: `is longer than ${rule.max} characters` };
  return null;
}
