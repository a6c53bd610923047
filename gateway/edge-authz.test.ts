import { parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../common/principal.js';
import { EdgeAuthorizer } from './edge-authz.js';

const supergraph = readFileSync(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8');
const authorizer = new EdgeAuthorizer(supergraph);
const as = (kind: Principal['kind']): Principal => ({ kind, subject: 's', scopes: [] });
const check = (query: string, p: Principal) => () => authorizer.check(parse(query), query, undefined, p);

describe(EdgeAuthorizer.name, () => {
  it('lets a principal select what its scopes allow', () => {
    expect(check('{ me { id displayName } }', as('channel'))).not.toThrow();
    expect(check('{ personByDocument(number: "x") { documentNumber } }', as('authority'))).not.toThrow();
  });

  it.each([
    ['{ me { id } }', 'dashboard', 'Query.me'],
    ['{ me { documentNumber } }', 'channel', 'Person.documentNumber'],
    ['query { ...F } fragment F on Query { personByDocument(number: "x") { id } }', 'channel', 'Query.personByDocument'],
    ['{ partners { code } }', 'authority', 'Query.partners'],
  ] as const)('refuses %s to a %s, naming %s', (query, kind, field) => {
    expect(check(query, as(kind))).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN', field }) }));
  });

  it('decides the same on a cached second look', () => {
    const q = '{ me { documentNumber } }';
    expect(check(q, as('channel'))).toThrow();
    expect(check(q, as('channel'))).toThrow();
    expect(check(q, as('authority'))).toThrow(); // `me` itself is for channels only
  });
});
