import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SUBGRAPHS, SUBGRAPH_PORTS, type SubgraphName } from './subgraph-list.js';
import { BINDING_POLICIES, type BindingPolicy } from '../domain/verification.js';
import { parseRetention, type RetentionPolicy } from '../domain/retention.js';

/**
 * One typed configuration for every process, read from the environment and validated at start-up.
 * Defaults make `npm start` work with no setting at all; production refuses to start without secrets.
 */

// The subgraphs and their ports come from schema/supergraph.yaml, through `npm run compose`.
export { SUBGRAPHS, type SubgraphName };

/** Environment variable prefix per subgraph, e.g. `HEALTH_STATUS_PORT`, `HEALTH_STATUS_URL`. */
export function envPrefix(name: SubgraphName | 'gateway'): string {
  return name.toUpperCase().replace('-', '_');
}

export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = { gateway: 4000, ...SUBGRAPH_PORTS };

const base64Key = (bytes: number) =>
  z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === bytes, `must be ${bytes} bytes, base64-encoded`);

/** An IP address or CIDR range, as proxy-addr (Fastify's `trustProxy`) takes them. */
function isProxyAddress(v: string): boolean {
  const [address, bits, ...rest] = v.split('/');
  const family = isIP(address ?? '');
  if (!family || rest.length) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

const port = z.coerce.number().int().min(0).max(65535);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_PREPARE: z.enum(['true', 'false']).default('true'),
  PGLITE_DIR: z.string().default('./data/pglite'),
  DATA_DIR: z.string().default('./data'),
  PROVINCE_CODE: z.string().regex(/^\d{2}0000$/, 'must be a GB/T 2260 province code').default('450000'),
  GATEWAY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DOCUMENT_ENCRYPTION_KEY: base64Key(32).optional(),
  DOCUMENT_INDEX_KEY: base64Key(32).optional(),
  DEMO_SEED: z.enum(['true', 'false']).optional(),
  EVENTS_POLL_MS: z.coerce.number().int().min(10).default(1000),
  EVENT_TRANSPORT: z.enum(['postgres', 'nats']).default('postgres'),
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  NATS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ or -').default('hcg'),
  CODE_SIGNING_KEYS: z.string().optional(),
  CODE_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
  // The tracing window of place check-ins; the same number as RETENTION_DAYS's PLACE_VISITS (this one wins).
  PLACE_VISIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(366).optional(),
  VERIFIER_MAX_CACHE_AGE_HOURS: z.coerce.number().min(1).max(168).default(24),
  CHANNEL_BINDING_MIN_VERIFICATION: z.enum(BINDING_POLICIES).default('FIRST_BINDING'),
  RATE_LIMITS: z.string().optional(),
  RETENTION_DAYS: z.string().optional(),
  RATE_LIMIT_REDIS_URL: z.string().url().optional(),
  PERSISTED_OPERATIONS: z.string().optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  GATEWAY_SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  GATEWAY_SUBGRAPH_MUTATION_TIMEOUT_MS: z.coerce.number().int().min(50).max(120_000).default(10_000),
  GATEWAY_SUBGRAPH_CONNECTIONS: z.coerce.number().int().min(1).max(1024).default(64),
  GATEWAY_BREAKER_RESET_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  GATEWAY_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  // Hops (`1`) or the proxies' addresses and CIDRs (`10.0.0.0/8,127.0.0.1`); never "everyone", which
  // would let any client name its own address in X-Forwarded-For and escape the address limit.
  GATEWAY_TRUST_PROXY: z
    .string()
    .refine((v) => /^\d{1,2}$/.test(v) || v.split(',').every((part) => isProxyAddress(part.trim())), 'a number of hops, or proxy addresses/CIDRs separated by commas')
    .transform((v): number | string => (/^\d{1,2}$/.test(v) ? Number(v) : v.replace(/\s+/g, '')))
    .optional(),
  // The GB/T 38963 interface's SM2 response signing key (docs/interop.md): PKCS#8 PEM, or that PEM in base64.
  GBT38963_SM2_PRIVATE_KEY: z.string().optional(),
  // Unusual designating (issue 26): designations per officer and per organisation within the window raise an alert above these.
  DESIGNATION_ALERT_WINDOW_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  DESIGNATION_ALERT_OFFICER_MAX: z.coerce.number().int().min(1).default(50),
  DESIGNATION_ALERT_ORGANISATION_MAX: z.coerce.number().int().min(1).default(500),
  // How long one officer's emergency designation stands without a second officer's approval (at most 24 h).
  DESIGNATION_EMERGENCY_HOURS: z.coerce.number().int().min(1).max(24).default(24),
  // The public transparency report: requests per minute from one address.
  TRANSPARENCY_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(30),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  // Read by the OpenTelemetry exporter itself (common/platform/telemetry-switch.ts); empty or unset, tracing is off.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().optional(),
  ...Object.fromEntries(
    (['gateway', ...SUBGRAPHS] as const).map((n) => [`${envPrefix(n)}_PORT`, port.optional()]),
  ),
  ...Object.fromEntries(SUBGRAPHS.map((n) => [`${envPrefix(n)}_URL`, z.string().url().optional()])),
});

/** Every environment variable the configuration reads; a test checks docker-compose.yml against it. */
export const CONFIG_KEYS: readonly string[] = Object.keys(schema.shape);

export interface Secrets {
  /** HMAC secret shared by the gateway and subgraphs for the forwarded principal. */
  gatewaySecret: string;
  /** AES-256-GCM key for document numbers at rest. */
  documentEncryptionKey: Buffer;
  /** HMAC-SHA-256 key for the document blind index. */
  documentIndexKey: Buffer;
  /**
   * Ed25519 private JWKs that sign code tokens and attestations, oldest first: the newest signs,
   * every one verifies (and is published) until an operator removes it after its last token expired.
   */
  codeSigningKeys: Record<string, unknown>[];
}

export interface Config {
  env: 'development' | 'production' | 'test';
  production: boolean;
  logLevel: string;
  host: string;
  provinceCode: string;
  database: { url?: string; poolSize: number; prepare: boolean; pgliteDir: string };
  dataDir: string;
  ports: Record<SubgraphName | 'gateway', number>;
  subgraphUrls: Record<SubgraphName, string>;
  secrets: Secrets;
  demoSeed: boolean;
  /** How often consumers poll for events when no notification arrives. */
  eventsPollMs: number;
  /** What carries events between subgraphs (docs/scaling.md): PostgreSQL alone, or NATS JetStream. */
  eventTransport: EventTransportConfig;
  /** Lifetime of a code token (SPEC §4: 5 minutes by default; channels refresh it). */
  codeTokenTtlSeconds: number;
  /** The tracing window: place check-ins older than this many days are deleted by the daily purge. */
  placeVisitRetentionDays: number;
  /**
   * How old the verifier page's cached keys and revocation lists may be before it refuses to verify
   * offline (SPEC §4; 24 hours by default): the officer goes online to refresh them.
   */
  verifierMaxCacheAgeHours: number;
  /**
   * The real-name check a channel must assert to bind a person already registered through another
   * channel: a method (`DOCUMENT` < `CARRIER` < `FACE`), or `FIRST_BINDING`, the method the person's
   * earliest binding asserted (docs/channels.md, "What a channel vouches for").
   */
  channelBindingMinVerification: BindingPolicy;
  /** Per-principal request limits at the gateway, as `RATE_LIMITS` says (parsed by the gateway). */
  rateLimits?: string;
  /** Redis shared by every gateway instance for rate limits; unset, each instance counts alone. */
  rateLimitRedisUrl?: string;
  /** The channel safelist (a persisted query manifest), or null when channels may send any operation. */
  persistedOperations: string | null;
  /** The bearer token a Prometheus scraper sends to `/metrics`; unset, `/metrics` is off in production. */
  metricsToken?: string;
  /** How the gateway calls subgraphs (see docs/errors.md, "A subgraph unavailable"). */
  subgraphCalls: SubgraphCallConfig;
  /** Unusual designating (docs/designations.md): the window and the counts per officer and per organisation that raise an alert. */
  designationAlerts: DesignationAlertConfig;
  /** Hours an emergency designation stands without a second officer's approval before it lapses (at most 24). */
  designationEmergencyHours: number;
  /** Requests per minute one address may make for the public transparency report. */
  transparencyRateLimit: number;
  /** On SIGTERM, how long in-flight requests and consumer batches may take before the process exits anyway. */
  shutdownGraceMs: number;
  /** Gateway processes behind its one port (node:cluster); 1 serves in the process itself. */
  gatewayWorkers: number;
  /**
   * Which proxies in front of the gateway are believed about the client's address (X-Forwarded-For):
   * a number of hops or their addresses; unset, the address is the TCP peer's. Fastify's `trustProxy`.
   */
  trustProxy?: number | string;
  /** How long each kind of personal data is kept (`RETENTION_DAYS`, common/domain/retention.ts, docs/retention.md). */
  retention: RetentionPolicy;
  /**
   * The SM2 private key (PKCS#8 PEM) that signs every `/gbt38963/v1/` response (header
   * `x-gbt38963-signature`, SM3 with SM2); unset, responses go unsigned. docs/interop.md says how to make one.
   */
  gbt38963Sm2PrivateKey?: string;
}

export interface DesignationAlertConfig {
  windowMinutes: number;
  officerMax: number;
  organisationMax: number;
}

export interface EventTransportConfig {
  kind: 'postgres' | 'nats';
  natsUrl: string;
  /** Names the JetStream stream and subjects, so that several deployments can share one NATS. */
  natsPrefix: string;
}

export interface SubgraphCallConfig {
  /** Deadline of one subgraph call for a query, its one retry included. */
  timeoutMs: number;
  /** Deadline of a mutation's call: longer, since a mutation is never retried and does more work. */
  mutationTimeoutMs: number;
  /** Kept-alive connections the gateway holds at most to each subgraph. */
  connectionsPerSubgraph: number;
  /** How long a subgraph's open circuit refuses calls before one trial call may pass (half-open). */
  breakerResetMs: number;
}

/** The published channel operations; the safelist production enforces unless told otherwise. */
export const DEFAULT_PERSISTED_OPERATIONS = fileURLToPath(new URL('../../schema/persisted-operations.json', import.meta.url));

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data as z.infer<typeof schema> & Record<string, unknown>;
  const production = e.NODE_ENV === 'production';
  const ports = Object.fromEntries(
    (['gateway', ...SUBGRAPHS] as const).map((n) => [n, (e[`${envPrefix(n)}_PORT`] as number | undefined) ?? DEFAULT_PORTS[n]]),
  ) as Config['ports'];
  const subgraphUrls = Object.fromEntries(
    SUBGRAPHS.map((n) => [n, (e[`${envPrefix(n)}_URL`] as string | undefined) ?? `http://127.0.0.1:${ports[n]}/graphql`]),
  ) as Config['subgraphUrls'];

  const problems: string[] = [];
  if (production) {
    for (const k of ['GATEWAY_SECRET', 'DOCUMENT_ENCRYPTION_KEY', 'DOCUMENT_INDEX_KEY', 'CODE_SIGNING_KEYS', 'DATABASE_URL'] as const) {
      if (!e[k]) problems.push(`${k}: required when NODE_ENV=production`);
    }
  }
  const sm2 = e.GBT38963_SM2_PRIVATE_KEY ? sm2PrivateKeyPem(e.GBT38963_SM2_PRIVATE_KEY) : undefined;
  if (sm2 === null) problems.push('GBT38963_SM2_PRIVATE_KEY: must be an SM2 private key, PKCS#8 PEM (or that PEM in base64)');
  const retentionParsed = parseRetention(e.RETENTION_DAYS);
  problems.push(...retentionParsed.problems);
  // One number for how long check-ins are kept: the policy the resident reads is what the purge does.
  const retention = { policy: { ...retentionParsed.policy, PLACE_VISITS: e.PLACE_VISIT_RETENTION_DAYS ?? retentionParsed.policy.PLACE_VISITS } };
  if (problems.length) throw new ConfigError(problems);

  const dev = production ? undefined : devSecrets(e.DATA_DIR);
  const secrets: Secrets = {
    gatewaySecret: e.GATEWAY_SECRET ?? dev!.gatewaySecret,
    documentEncryptionKey: e.DOCUMENT_ENCRYPTION_KEY
      ? Buffer.from(e.DOCUMENT_ENCRYPTION_KEY, 'base64')
      : dev!.documentEncryptionKey,
    documentIndexKey: e.DOCUMENT_INDEX_KEY ? Buffer.from(e.DOCUMENT_INDEX_KEY, 'base64') : dev!.documentIndexKey,
    codeSigningKeys: e.CODE_SIGNING_KEYS ? parseSigningKeys(e.CODE_SIGNING_KEYS) : dev!.codeSigningKeys,
  };

  return {
    env: e.NODE_ENV,
    production,
    logLevel: e.LOG_LEVEL,
    host: e.HOST,
    provinceCode: e.PROVINCE_CODE,
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE, prepare: e.DATABASE_PREPARE === 'true', pgliteDir: e.PGLITE_DIR },
    dataDir: e.DATA_DIR,
    ports,
    subgraphUrls,
    secrets,
    demoSeed: e.DEMO_SEED ? e.DEMO_SEED === 'true' : !production,
    eventsPollMs: e.EVENTS_POLL_MS,
    eventTransport: { kind: e.EVENT_TRANSPORT, natsUrl: e.NATS_URL, natsPrefix: e.NATS_PREFIX },
    codeTokenTtlSeconds: e.CODE_TOKEN_TTL_SECONDS,
    placeVisitRetentionDays: retention.policy.PLACE_VISITS,
    verifierMaxCacheAgeHours: e.VERIFIER_MAX_CACHE_AGE_HOURS,
    channelBindingMinVerification: e.CHANNEL_BINDING_MIN_VERIFICATION,
    rateLimits: e.RATE_LIMITS,
    rateLimitRedisUrl: e.RATE_LIMIT_REDIS_URL,
    metricsToken: e.METRICS_TOKEN,
    subgraphCalls: {
      timeoutMs: e.GATEWAY_SUBGRAPH_TIMEOUT_MS,
      mutationTimeoutMs: e.GATEWAY_SUBGRAPH_MUTATION_TIMEOUT_MS,
      connectionsPerSubgraph: e.GATEWAY_SUBGRAPH_CONNECTIONS,
      breakerResetMs: e.GATEWAY_BREAKER_RESET_MS,
    },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    designationAlerts: { windowMinutes: e.DESIGNATION_ALERT_WINDOW_MINUTES, officerMax: e.DESIGNATION_ALERT_OFFICER_MAX, organisationMax: e.DESIGNATION_ALERT_ORGANISATION_MAX },
    designationEmergencyHours: e.DESIGNATION_EMERGENCY_HOURS,
    transparencyRateLimit: e.TRANSPARENCY_RATE_LIMIT,
    gatewayWorkers: e.GATEWAY_WORKERS,
    retention: retention.policy,
    ...(e.GATEWAY_TRUST_PROXY !== undefined ? { trustProxy: e.GATEWAY_TRUST_PROXY } : {}),
    ...(sm2 ? { gbt38963Sm2PrivateKey: sm2 } : {}),
    persistedOperations: e.PERSISTED_OPERATIONS === 'off' ? null : (e.PERSISTED_OPERATIONS ?? (production ? DEFAULT_PERSISTED_OPERATIONS : null)),
  };
}

/** The SM2 curve's OID (1.2.156.10197.1.301), DER-encoded: Node 20 names no type or curve for an SM2 key, its SPKI does. */
const SM2_CURVE_OID = Buffer.from('06082a811ccf5501822d', 'hex');

/** Whether a key is on the SM2 curve. */
export function isSm2Key(key: KeyObject): boolean {
  return createPublicKey(key).export({ type: 'spki', format: 'der' }).includes(SM2_CURVE_OID);
}

/** The SM2 private key as PEM, from PEM or base64 of PEM; null when it is not one. */
function sm2PrivateKeyPem(raw: string): string | null {
  const pem = raw.includes('-----BEGIN') ? raw : Buffer.from(raw, 'base64').toString('utf8');
  try {
    return isSm2Key(createPrivateKey(pem)) ? pem : null;
  } catch {
    return null;
  }
}

/** A new Ed25519 signing key as a private JWK with its RFC 7638 thumbprint as `kid`. */
export function newSigningKey(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' }) as Record<string, string>;
  // RFC 7638: the thumbprint of an OKP key hashes its required members in lexicographic order.
  const thumbprint = createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x })).digest('base64url');
  return { ...jwk, kid: thumbprint, alg: 'EdDSA', use: 'sig' };
}

function parseSigningKeys(raw: string): Record<string, unknown>[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(['CODE_SIGNING_KEYS: must be JSON, a JWKS ({"keys": [...]}) of Ed25519 private keys']);
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || !keys.length || !keys.every((k) => k && typeof k === 'object' && (k as Record<string, unknown>).crv === 'Ed25519' && (k as Record<string, unknown>).d && (k as Record<string, unknown>).kid)) {
    throw new ConfigError(['CODE_SIGNING_KEYS: needs at least one Ed25519 private JWK with kid, oldest first']);
  }
  return keys as Record<string, unknown>[];
}

/** Fresh random secrets, for tests and for the first development start. */
export function randomSecrets(): Secrets {
  return {
    gatewaySecret: randomBytes(32).toString('base64url'),
    documentEncryptionKey: randomBytes(32),
    documentIndexKey: randomBytes(32),
    codeSigningKeys: [newSigningKey()],
  };
}

/**
 * Development secrets are generated once and kept under the data directory, so that data encrypted
 * by one `npm start` can be read by the next.
 */
function devSecrets(dataDir: string): Secrets {
  const file = resolve(dataDir, 'dev-secrets.json');
  if (existsSync(file)) {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    // Files written before code signing existed gain a key on first read, and keep it.
    if (!raw.codeSigningKeys) {
      (raw as Record<string, unknown>).codeSigningKeys = [newSigningKey()];
      writeFileSync(file, JSON.stringify(raw, null, 2), { mode: 0o600 });
    }
    return {
      gatewaySecret: raw.gatewaySecret!,
      documentEncryptionKey: Buffer.from(raw.documentEncryptionKey!, 'base64'),
      documentIndexKey: Buffer.from(raw.documentIndexKey!, 'base64'),
      codeSigningKeys: (raw.codeSigningKeys as unknown as Record<string, unknown>[] | undefined) ?? [newSigningKey()],
    };
  }
  const s = randomSecrets();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    JSON.stringify(
      {
        gatewaySecret: s.gatewaySecret,
        documentEncryptionKey: s.documentEncryptionKey.toString('base64'),
        documentIndexKey: s.documentIndexKey.toString('base64'),
        codeSigningKeys: s.codeSigningKeys,
      },
      null,
      2,
    ),
    { mode: 0o600 },
  );
  return s;
}
