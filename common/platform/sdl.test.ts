import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { mergeSdl, subgraphSdlFiles } from './sdl.js';

const merged = (...parts: string[]) => print(mergeSdl(parts.map((p) => parse(p))));

describe(mergeSdl.name, () => {
  it('joins an object type written in several parts, fields in the order the parts bring them', () => {
    expect(merged('"A resident" type Person @key(fields: "id") { id: ID! }', 'type Person { healthCode: String! }', 'type Query { a: Int }')).toBe(
      print(parse('"A resident" type Person @key(fields: "id") { id: ID! healthCode: String! } type Query { a: Int }')),
    );
  });

  it('takes the doc string and directives from the part that has them, whichever comes first', () => {
    expect(merged('type Person { channels: [String!]! }', '"A resident" type Person @key(fields: "id") { id: ID! }')).toBe(
      print(parse('"A resident" type Person @key(fields: "id") { channels: [String!]! id: ID! }')),
    );
  });

  it('leaves every other definition as it is', () => {
    expect(merged('extend schema @link(url: "x")', 'scalar Date', 'enum Color { GREEN RED }')).toBe(
      print(parse('extend schema @link(url: "x") scalar Date enum Color { GREEN RED }')),
    );
  });

  it.each([
    ['a field two features claim', ['type Query { a: Int }', 'type Query { a: String }'], /Query\.a is defined in two parts/],
    ['two doc strings for one type', ['"one" type Person { id: ID! }', '"two" type Person { x: Int }'], /Person has a doc string in two parts/],
  ])('refuses %s', (_name, parts, error) => {
    expect(() => merged(...parts)).toThrow(error);
  });
});

describe(subgraphSdlFiles.name, () => {
  it('reads shared.graphql first, then each module folder\'s <feature>.graphql in name order', () => {
    const dir = new URL('../../subgraphs/health-status', import.meta.url).pathname;
    expect(subgraphSdlFiles(dir).map((f) => f.slice(dir.length + 1))).toEqual([
      'shared.graphql',
      'modules/appeals/appeals.graphql',
      'modules/checkpoints/checkpoints.graphql',
      'modules/codes/codes.graphql',
      'modules/dashboards/dashboards.graphql',
      'modules/designations/designations.graphql',
      'modules/grid-visits/grid-visits.graphql',
      'modules/hotline/hotline.graphql',
      'modules/paper-codes/paper-codes.graphql',
      'modules/places/places.graphql',
      'modules/staff/staff.graphql',
    ]);
  });
});
