import { Writable } from 'node:stream';
import { ApolloServer } from '@apollo/server';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { errorReportingPlugin, serverErrors } from './error-reporting.js';
import { BadUserInputError } from './errors.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

async function setup() {
  const { lines, logger } = capture();
  const sut = new ApolloServer<{ requestId: string }>({
    typeDefs: 'type Query { broken(input: String): String  refused: String }',
    resolvers: {
      Query: {
        broken: () => {
          throw new TypeError("Cannot read properties of undefined (reading '450103199207150022')");
        },
        refused: () => {
          throw new BadUserInputError('no', { reason: 'NO' });
        },
      },
    },
    plugins: [errorReportingPlugin('test-service', logger)],
  });
  await sut.start();
  const count = async () => (await serverErrors.get()).values.filter((v) => v.labels.service === 'test-service').reduce((n, v) => n + v.value, 0);
  return { sut, lines, count };
}

describe(errorReportingPlugin.name, () => {
  it('logs an internal error with request id, operation name and class, never its message, and counts it', async () => {
    const { sut, lines, count } = await setup();
    const before = await count();
    await sut.executeOperation({ query: 'query Broken { broken(input: "张三") }' }, { contextValue: { requestId: 'req-1' } });
    expect(await count()).toBe(before + 1);
    const line = lines.find((l) => l.msg === 'internal error')!;
    expect(line).toMatchObject({ service: 'test-service', requestId: 'req-1', operationName: 'Broken', path: ['broken'], error: { class: 'TypeError' } });
    // The message (here quoting an ID number) and the variables stay out of the log.
    expect(JSON.stringify(line)).not.toContain('450103199207150022');
    expect(JSON.stringify(line)).not.toContain('张三');
    await sut.stop();
  });

  it("neither logs nor counts a client's mistake", async () => {
    const { sut, lines, count } = await setup();
    const before = await count();
    await sut.executeOperation({ query: '{ refused }' }, { contextValue: { requestId: 'req-2' } });
    await sut.executeOperation({ query: '{ nosuch }' }, { contextValue: { requestId: 'req-3' } });
    expect(await count()).toBe(before);
    expect(lines.filter((l) => l.msg === 'internal error')).toEqual([]);
    await sut.stop();
  });
});
