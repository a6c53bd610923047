import { parse, print } from 'graphql';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forbiddenField } from '../common/platform/authz.js';
import type { Principal } from '../common/domain/principal.js';
import { applyDenials, EdgeAuthorizer } from './edge-authz.js';

const supergraph = readFileSync(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8');
const authorizer = new EdgeAuthorizer(supergraph);
const as = (kind: Principal['kind'], scopes: string[] = []): Principal => ({ kind, subject: 's', scopes });
const analyse = (query: string, p: Principal) => authorizer.analyse(parse(query), query, undefined, p);

describe(EdgeAuthorizer.name, () => {
  it('lets a principal select what its scopes allow, untouched', () => {
    expect(analyse('{ me { id displayName } }', as('channel'))).toEqual({ denials: [] });
    expect(analyse('{ personByDocument(number: "x") { documentNumber } }', as('authority'))).toEqual({ denials: [] });
    expect(analyse('{ trustList { kid } }', as('province', ['interop:VERIFY_CODES']))).toEqual({ denials: [] });
  });

  it.each([
    ['{ me { id } }', as('dashboard'), 'Query.me', 'me'],
    ['{ me { documentNumber } }', as('channel'), 'Person.documentNumber', 'me.documentNumber'],
    ['query { ...F } fragment F on Query { personByDocument(number: "x") { id } }', as('channel'), 'Query.personByDocument', 'personByDocument'],
    ['{ partners { code } }', as('authority'), 'Query.partners', 'partners'],
    ['{ who: channels { code } }', as('province', ['interop:VERIFY_CODES']), 'Query.channels', 'who'],
  ] as const)('denies %s, naming %s at its response path', (query, principal, coordinate, path) => {
    const { denials, document } = analyse(query, principal);
    expect(denials.map((d) => [d.coordinate, d.steps.map((s) => s.key).join('.')])).toEqual([[coordinate, path]]);
    expect(print(document!)).not.toMatch(new RegExp(`\\b${coordinate.split('.')[1]}\\b`));
  });

  it('keeps what is allowed and stands a placeholder in for a selection left empty', () => {
    const { document } = analyse('{ me { id documentNumber } partners { code } }', as('channel'));
    expect(print(document!).replace(/\s+/g, ' ')).toBe('{ me { id } }');
    const emptied = analyse('{ me { documentNumber } }', as('channel'));
    expect(print(emptied.document!).replace(/\s+/g, ' ')).toBe('{ me { __hcgDenied: __typename } }');
  });

  it('decides the same on a cached second look', () => {
    const q = '{ me { documentNumber } }';
    expect(analyse(q, as('channel')).denials).toHaveLength(1);
    expect(analyse(q, as('channel')).denials).toHaveLength(1);
    expect(analyse(q, as('authority')).denials.map((d) => d.coordinate)).toEqual(['Query.me']); // `me` itself is for channels only
  });
});

describe(applyDenials.name, () => {
  const denialsOf = (query: string, p: Principal) => analyse(query, p).denials;

  it.each([
    // a nullable field: null in place, the rest kept
    ['{ me { id documentNumber } }', as('channel'), { me: { id: '1', __hcgDenied: 'Person' } }, { me: { id: '1', documentNumber: null } }, [['me', 'documentNumber']]],
    // a non-null root field: null propagates to data
    ['{ partners { code } }', as('channel'), { __hcgDenied: 'Query' }, null, [['partners']]],
    // inside a list: one error per element
    [
      '{ me { dependents { id documentNumber } } }',
      as('channel'),
      { me: { dependents: [{ id: 'a' }, { id: 'b' }] } },
      { me: { dependents: [{ id: 'a', documentNumber: null }, { id: 'b', documentNumber: null }] } },
      [['me', 'dependents', 0, 'documentNumber'], ['me', 'dependents', 1, 'documentNumber']],
    ],
    // a parent already null: nothing to deny
    ['{ me { id documentNumber } }', as('channel'), { me: null }, { me: null }, []],
  ] as const)('answers %s as execution would', (query, principal, data, expected, paths) => {
    const out = applyDenials(structuredClone(data) as never, denialsOf(query, principal));
    expect(out.data).toEqual(expected);
    expect(out.errors.map((e) => e.path)).toEqual(paths);
    for (const e of out.errors) expect(e.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'MISSING_SCOPE' });
  });

  it("answers a denied field with the very error the owning subgraph raises (common/platform/authz.ts forbiddenField)", () => {
    const principal = as('channel');
    const out = applyDenials({ me: { id: '1' } }, denialsOf('{ me { id documentNumber } }', principal));
    expect(out.errors).toEqual([forbiddenField('Person.documentNumber', principal).formatted(['me', 'documentNumber'])]);
    expect(out.errors[0]).toEqual({
      message: 'Person.documentNumber is not available to a channel principal',
      path: ['me', 'documentNumber'],
      extensions: { code: 'FORBIDDEN', reason: 'MISSING_SCOPE', coordinate: 'Person.documentNumber' },
    });
  });
});
