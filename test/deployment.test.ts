import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_KEYS, DEFAULT_PORTS, envPrefix, loadConfig, newSigningKey, SUBGRAPHS } from '../common/platform/config.js';
import { metricsAccess } from '../common/platform/http.js';

type Service = { profiles?: string[]; command?: string[]; environment?: Record<string, string>; expose?: string[]; ports?: string[]; depends_on?: Record<string, unknown> };
const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const supergraph = parse(readFileSync(new URL('../schema/supergraph.yaml', import.meta.url), 'utf8')) as { subgraphs: Record<string, { routing_url: string }> };
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };

/** `${VAR:?message}` placeholders stand for secrets an operator supplies; give them valid values. */
function resolveEnv(env: Record<string, string>): Record<string, string> {
  const values: Record<string, string> = {
    POSTGRES_PASSWORD: 'pw',
    GATEWAY_SECRET: 'g'.repeat(40),
    DOCUMENT_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    DOCUMENT_INDEX_KEY: Buffer.alloc(32, 2).toString('base64'),
    CODE_SIGNING_KEYS: JSON.stringify({ keys: [newSigningKey()] }),
    METRICS_TOKEN: 'm'.repeat(32),
  };
  return Object.fromEntries(
    Object.entries(env).map(([k, v]) => [
      k,
      String(v)
        .replace(/\$\{(\w+):\?[^}]*\}/g, (_m, name: string) => values[name]!)
        // `${VAR:-default}`: optional settings (tracing), unset here.
        .replace(/\$\{\w+:-([^}]*)\}/g, (_m, fallback: string) => fallback),
    ]),
  );
}

describe('Dockerfile', () => {
  const dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');

  it('builds the JavaScript production runs in a build stage and copies dist/ into the image', () => {
    expect(dockerfile).toMatch(/^FROM \S+ AS build$/m);
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev/m);
  });
});

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, Redis, the five subgraphs and the gateway, and nothing else (Jaeger and NATS only behind their profiles)', () => {
    const always = Object.entries(compose.services).filter(([, s]) => !s.profiles);
    expect(always.map(([n]) => n).sort()).toEqual(['declarations', 'eid', 'gateway', 'health-status', 'identity', 'interop', 'postgres', 'redis']);
    expect(Object.entries(compose.services).filter(([, s]) => s.profiles).map(([n, s]) => [n, s.profiles])).toEqual([
      ['jaeger', ['observability']],
      ['nats', ['nats']],
    ]);
  });

  it.each(SUBGRAPHS)('carries %s events in PostgreSQL by default, and through the NATS service with EVENT_TRANSPORT=nats', (name) => {
    const svc = compose.services[name]!;
    expect(loadConfig(resolveEnv(svc.environment!)).eventTransport.kind).toBe('postgres');
    const nats = loadConfig({ ...resolveEnv(svc.environment!), EVENT_TRANSPORT: 'nats' }).eventTransport;
    expect(nats).toMatchObject({ kind: 'nats', natsUrl: 'nats://nats:4222' });
    expect(compose.services.nats!.command).toContain('--jetstream');
    // The NATS service is started first when its profile is on, and not required when it is off.
    expect(svc.depends_on).toMatchObject({ nats: { required: false } });
  });

  it.each(SUBGRAPHS)('starts %s with its npm script on its configured port', (name) => {
    const svc = compose.services[name]!;
    expect(svc.command).toEqual(['npm', 'run', `start:${name}`]);
    // The compiled JavaScript (npm run build, in the image's build stage), never a TypeScript loader.
    expect(pkg.scripts[`start:${name}`]).toBe(`node dist/subgraphs/${name}/main.js`);
    const port = String(DEFAULT_PORTS[name]);
    expect(svc.environment![`${envPrefix(name)}_PORT`]).toBe(port);
    expect(svc.expose).toContain(port);
    expect(svc.depends_on).toHaveProperty('postgres');
  });

  it('points the gateway at every subgraph where supergraph.yaml routes it', () => {
    const gw = compose.services.gateway!;
    expect(gw.command).toEqual(['npm', 'run', 'start:gateway']);
    expect(pkg.scripts['start:gateway']).toBe('node dist/gateway/main.js');
    expect(gw.ports).toEqual([`${DEFAULT_PORTS.gateway}:${DEFAULT_PORTS.gateway}`]);
    for (const name of SUBGRAPHS) {
      const url = `http://${name}:${DEFAULT_PORTS[name]}/graphql`;
      expect(gw.environment![`${envPrefix(name)}_URL`]).toBe(url);
      expect(supergraph.subgraphs[name]!.routing_url).toBe(url);
      expect(gw.depends_on).toHaveProperty(name);
    }
  });

  it('shares rate limits between gateway instances through the Redis service', () => {
    const gw = compose.services.gateway!;
    expect(loadConfig(resolveEnv(gw.environment!)).gatewayWorkers).toBe(2);
    expect(gw.environment!.RATE_LIMIT_REDIS_URL).toBe('redis://redis:6379');
    expect(gw.depends_on).toHaveProperty('redis');
    expect(loadConfig(resolveEnv(gw.environment!)).rateLimitRedisUrl).toBe('redis://redis:6379');
  });

  it.each(['gateway', ...SUBGRAPHS])('gives %s only settings the config module knows, and a production config that loads', (name) => {
    const env = resolveEnv(compose.services[name]!.environment!);
    expect(Object.keys(env).filter((k) => !CONFIG_KEYS.includes(k))).toEqual([]);
    const config = loadConfig(env);
    expect(config.production).toBe(true);
    expect(config.database.url).toMatch(/^postgres:\/\/healthcode:pw@postgres:5432\/healthcode$/);
    if (name !== 'gateway') expect(config.ports[name as (typeof SUBGRAPHS)[number]]).toBe(DEFAULT_PORTS[name as (typeof SUBGRAPHS)[number]]);
  });

  it.each(['gateway', ...SUBGRAPHS])('keeps /metrics of %s behind the scrape token', (name) => {
    const config = loadConfig(resolveEnv(compose.services[name]!.environment!));
    expect(config.metricsToken).toBe('m'.repeat(32));
    expect(metricsAccess(config.metricsToken, config.production, undefined)).toBe(401);
    expect(metricsAccess(config.metricsToken, config.production, `Bearer ${'m'.repeat(32)}`)).toBe(200);
  });

  it('refuses to start in production without secrets', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/GATEWAY_SECRET: required.*\n.*DOCUMENT_ENCRYPTION_KEY/s);
  });
});
