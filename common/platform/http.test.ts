import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { createHttpApp } from './http.js';
import { createLogger } from './logger.js';

/** What `request.ip` (the gateway's per-address limit) is for a request from `peer` that says `forwardedFor`. */
async function clientAddress(trustProxy: number | string | undefined, peer: string, forwardedFor?: string): Promise<string> {
  const app = createHttpApp({ logger: createLogger('silent'), ready: async () => undefined, ...(trustProxy !== undefined ? { trustProxy } : {}) });
  app.get('/ip', async (req) => ({ ip: req.ip }));
  try {
    const res = await app.inject({ url: '/ip', remoteAddress: peer, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
    return (res.json() as { ip: string }).ip;
  } finally {
    await app.close();
  }
}

describe('the client address behind proxies (GATEWAY_TRUST_PROXY)', () => {
  // Development settings make their secrets in DATA_DIR: a directory of this file's own.
  const DATA_DIR = mkdtempSync(join(tmpdir(), 'hcg-http-test-'));

  it('is the TCP peer when no proxy is trusted, whatever X-Forwarded-For claims', async () => {
    expect(await clientAddress(undefined, '198.51.100.7', '203.0.113.9')).toBe('198.51.100.7');
  });

  it('is the forwarded address only when the peer is a trusted proxy', async () => {
    expect(await clientAddress('10.0.0.0/8', '10.1.2.3', '203.0.113.9')).toBe('203.0.113.9');
    expect(await clientAddress('10.0.0.0/8', '198.51.100.7', '203.0.113.9')).toBe('198.51.100.7');
  });

  it('believes as many hops as configured and no more', async () => {
    // A client that prepends its own "address" is one hop further than the proxy saw.
    expect(await clientAddress(1, '10.1.2.3', '192.0.2.66, 203.0.113.9')).toBe('203.0.113.9');
    expect(await clientAddress(2, '10.1.2.3', '192.0.2.66, 203.0.113.9')).toBe('192.0.2.66');
  });

  it.each(['1', '10.0.0.1', '10.0.0.0/8, 127.0.0.1', '::1,fd00::/8'])('accepts %s', (value) => {
    expect(() => loadConfig({ DATA_DIR, GATEWAY_TRUST_PROXY: value })).not.toThrow();
  });

  it.each(['true', 'face', '10.0.0.0/33', '300.1.1.1', '1,,2'])('refuses %s, which would trust anyone or nothing sensible', (value) => {
    expect(() => loadConfig({ DATA_DIR, GATEWAY_TRUST_PROXY: value })).toThrow(ConfigError);
  });
});
