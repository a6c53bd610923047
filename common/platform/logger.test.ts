import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { serviceLogger } from './logger.js';

function capture(base: Record<string, unknown>) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ base }, stream), lines };
}

const occurrences = (line: string, key: string) => line.split(`"${key}":`).length - 1;

describe('serviceLogger', () => {
  it('names the service once when the process logger already names it (one process per service)', () => {
    const { logger, lines } = capture({ service: 'identity' });
    serviceLogger(logger, 'identity').info('up');
    expect(occurrences(lines[0]!, 'service')).toBe(1);
  });

  it('adds the service to a process logger shared by several services (npm start)', () => {
    const { logger, lines } = capture({});
    serviceLogger(logger, 'interop').info('up');
    expect(JSON.parse(lines[0]!)).toMatchObject({ service: 'interop' });
    expect(occurrences(lines[0]!, 'service')).toBe(1);
  });
});
