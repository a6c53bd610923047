import { describe, expect, it } from 'vitest';
import type { Relation } from '../../../common/domain/access.js';
import { nameVisibility, shownName } from './name-visibility.js';

describe(nameVisibility.name, () => {
  it.each<[string, Relation, string, boolean]>([
    ['the person themself', 'SELF', '李小明', false],
    ['their own guardian (a parent telling two 李 children apart)', 'GUARDIAN', '李小明', false],
    ['the health authority, audited', 'AUTHORITY', '李小明', true],
    ['anyone else (a checkpoint, another household)', 'NONE', '李**', false],
  ])('%s', (_who, relation, shown, audited) => {
    expect(shownName('李小明', relation)).toBe(shown);
    expect(nameVisibility(relation).audited).toBe(audited);
  });

  it('keeps two same-surname children apart for their guardian and alike for anyone else', () => {
    const children = ['李小明', '李小红'];
    expect(new Set(children.map((n) => shownName(n, 'GUARDIAN'))).size).toBe(2);
    expect(new Set(children.map((n) => shownName(n, 'NONE'))).size).toBe(1);
  });
});
