import { readFileSync } from 'node:fs';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE } from '../common/platform/pagination.js';
import { apiSchema } from './contracts.js';
import { SUPERGRAPH_PATH } from './index.js';
import { fieldCost, LIMITS } from './operation-limits.js';
import { PublishedOperations } from './manifests.js';

/** A value of the type that coerces: every Int at the largest page size, every required input field filled. */
function largest(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return largest(type.ofType);
  if (isListType(type)) return [largest(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => [f.name, largest(f.type)]));
  }
  return ({ Int: MAX_PAGE_SIZE, Float: 1, Boolean: true, Date: '2026-11-20', DateTime: '2026-11-20T00:00:00Z' } as Record<string, unknown>)[type.name] ?? 'x';
}

const cost = (schema: GraphQLSchema, query: string, variables: Record<string, unknown> = {}) =>
  getComplexity({ schema, query: parse(query), variables, estimators: [fieldCost] });

describe(fieldCost.name, () => {
  const schema = buildSchema(`
    type Query { page(first: Int = 20): [Item!]! one: Item }
    type Item { id: ID! name: String child: Item }
  `);

  it('costs 1 per scalar and 2 per object', () => {
    expect(cost(schema, '{ one { id name child { id } } }')).toBe(2 + 1 + 1 + (2 + 1));
  });

  it("multiplies a page's subtree by first: literal, variable or the argument's default alike", () => {
    const page = (n: number) => n * (2 + 2);
    expect(cost(schema, '{ page(first: 7) { id name } }')).toBe(page(7));
    expect(cost(schema, 'query($n: Int!) { page(first: $n) { id name } }', { n: 7 })).toBe(page(7));
    expect(cost(schema, 'query($n: Int = 7) { page(first: $n) { id name } }')).toBe(page(7));
    expect(cost(schema, '{ page { id name } }')).toBe(page(20));
  });
});

describe('the cost limit and what our own pages send', () => {
  const schema = apiSchema(readFileSync(SUPERGRAPH_PATH, 'utf8'));

  it.each(PublishedOperations.load().operations().map((o) => [o.name, o.body] as const))('lets the safelisted %s through, with every page at its largest', (_name, body) => {
    // Every Int variable at the largest page size: the most a page of ours can ask for.
    const operation = parse(body).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const variables = Object.fromEntries((operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, largest(typeFromAST(schema, v.type) as GraphQLInputType)]));
    expect(cost(schema, body, variables)).toBeLessThanOrEqual(LIMITS.cost);
  });
});
