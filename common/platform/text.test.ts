import { describe, expect, it } from 'vitest';
import { TEXT_RULES, textKindOf, textProblem, type TextKind } from './text.js';

describe(textProblem.name, () => {
  it.each<[string, string, TextKind, string | null]>([
    ['a Chinese name', '陈秀英', 'NAME', null],
    ['a transliterated name with a middle dot', '阿依古丽·买买提', 'NAME', null],
    ['a NUL in a name', '陈\u0000秀英', 'NAME', 'CONTROL_CHARACTER'],
    ['a NUL in a note', 'fever\u0000', 'NOTE', 'CONTROL_CHARACTER'],
    ['a NUL in a code', '450103\u0000', 'CODE', 'CONTROL_CHARACTER'],
    ['an escape character in an address', '民族大道\u001b[31m', 'ADDRESS', 'CONTROL_CHARACTER'],
    ['a C1 control in free text', 'x\u0085y', 'TEXT', 'CONTROL_CHARACTER'],
    ['DEL in a token', 'eyJ\u007f', 'TOKEN', 'CONTROL_CHARACTER'],
    ['line breaks and a tab in a note', 'line one\r\nline two\tend', 'NOTE', null],
    ['a line break in a name', '陈\n秀英', 'NAME', 'CONTROL_CHARACTER'],
    ['a right-to-left override in a checkpoint name', '南门\u202Egpj.exe', 'NAME', 'BIDI_CONTROL'],
    ['a right-to-left isolate in a code', '\u2067450103', 'CODE', 'BIDI_CONTROL'],
    ['an override in an address', '青秀区\u202D', 'ADDRESS', 'BIDI_CONTROL'],
    ['an override in a note (prose may quote any script)', '\u202Bمرحبا\u202C', 'NOTE', null],
    ['a lone surrogate', 'abc\uD800', 'TEXT', 'BAD_UNICODE'],
    ['a name of 50 characters', '张'.repeat(50), 'NAME', null],
    ['a name of 51 characters', '张'.repeat(51), 'NAME', 'TOO_LONG'],
    ['50 astral characters (100 UTF-16 units) as a name', '𠀀'.repeat(50), 'NAME', null],
    ['an address of 200 characters', '路'.repeat(200), 'ADDRESS', null],
    ['an address of 201 characters', '路'.repeat(201), 'ADDRESS', 'TOO_LONG'],
    ['a note of 2,000 characters', 'a'.repeat(2000), 'NOTE', null],
    ['a note of 1 MB', 'a'.repeat(1_000_000), 'NOTE', 'TOO_LONG'],
    ['a code of 64 characters', 'R'.repeat(64), 'CODE', null],
    ['a code of 65 characters', 'R'.repeat(65), 'CODE', 'TOO_LONG'],
  ])('%s', (_what, value, kind, reason) => {
    expect(textProblem(value, kind)?.reason ?? null).toBe(reason);
  });

  it('documents the limits the issue names: names 50, addresses 200, notes 2,000, codes 64', () => {
    expect([TEXT_RULES.NAME.max, TEXT_RULES.ADDRESS.max, TEXT_RULES.NOTE.max, TEXT_RULES.CODE.max]).toEqual([50, 200, 2000, 64]);
  });
});

describe(textKindOf.name, () => {
  it.each([
    ['name', 'NAME'],
    ['address', 'ADDRESS'],
    ['statement', 'NOTE'],
    ['note', 'NOTE'],
    ['documentNumber', 'CODE'],
    ['guardianId', 'CODE'],
    ['after', 'CURSOR'],
    ['attestation', 'TOKEN'],
    ['label', 'TEXT'],
  ])('%s holds %s', (name, kind) => {
    expect(textKindOf(name)).toBe(kind);
  });
});
