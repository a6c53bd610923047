import { ApolloServer } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { serviceUnavailablePlugin } from './unavailable.js';

async function serve() {
  const server = new ApolloServer({
    typeDefs: 'type Query { down: String  up: String  bad: String }',
    resolvers: {
      Query: {
        // As the gateway receives it from a subgraph: the code alone, no HTTP status of its own.
        down: () => {
          throw new GraphQLError('Service temporarily unavailable; retry shortly', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
        },
        up: () => 'ok',
        bad: () => {
          throw new Error('a bug');
        },
      },
    },
    plugins: [serviceUnavailablePlugin()],
  });
  await server.start();
  return server;
}

describe(serviceUnavailablePlugin.name, () => {
  it('answers 503 with Retry-After when every error is SERVICE_UNAVAILABLE', async () => {
    const server = await serve();
    const res = await server.executeOperation({ query: '{ down }' });
    expect(res.http.status).toBe(503);
    expect(res.http.headers.get('retry-after')).toMatch(/^\d+$/);
    await server.stop();
  });

  it('keeps 200 for an answer without errors, or one whose errors are not all SERVICE_UNAVAILABLE', async () => {
    const server = await serve();
    expect((await server.executeOperation({ query: '{ up }' })).http.status).toBeUndefined();
    // The rule reads the errors only: a partial answer whose errors are all SERVICE_UNAVAILABLE is 503 too.
    expect((await server.executeOperation({ query: '{ down up }' })).http.status).toBe(503);
    const mixed = await server.executeOperation({ query: '{ down bad }' });
    expect(mixed.http.status).not.toBe(503);
    await server.stop();
  });
});
