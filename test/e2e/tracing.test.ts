import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PERSISTED_OPERATIONS } from '../../common/platform/config.js';
import { drizzleOn } from '../../common/platform/db.js';
import { DEMO_RESIDENTS, DEV_KEYS, seedDevKeys } from '../../scripts/seed.js';
import { dependentInput } from '../factories/people.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { adminUrl } from '../helpers/postgres.js';
import { ProductionLayout } from '../helpers/processes.js';

const SAFELISTED = (name: string): string =>
  (JSON.parse(readFileSync(DEFAULT_PERSISTED_OPERATIONS, 'utf8')) as { operations: { name: string; body: string }[] }).operations.find((o) => o.name === name)!.body;
const key = (id: string) => DEV_KEYS.find((k) => k.id === id)!.key;
const CHANNEL_KEYS: Record<string, string> = { 'wechat-zzg': key('dev-channel-wechat-zzg'), alipay: key('dev-channel-alipay'), aiguangxi: key('dev-channel-aiguangxi') };

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}
interface ExportedSpan extends OtlpSpan {
  service: string;
}

/**
 * A tiny OTLP/HTTP receiver, as a collector or Jaeger would be: it takes the JSON the exporter sends
 * to /v1/traces and keeps every span with the service that sent it.
 */
class OtlpReceiver {
  readonly spans: ExportedSpan[] = [];
  private readonly server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        const payload = JSON.parse(body) as {
          resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
        };
        for (const rs of payload.resourceSpans) {
          const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
          for (const ss of rs.scopeSpans) for (const s of ss.spans) this.spans.push({ ...s, service });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  async listen(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }
  close(): Promise<unknown> {
    return new Promise((r) => this.server.close(r));
  }
}

/**
 * The production layout with tracing on and debug logs: one request is followed across processes by
 * one trace id, and a whole resident story leaves no personal data in any process's log output.
 */
describe.runIf(!!adminUrl())('traces and logs across the five processes', () => {
  let db: TestDatabase;
  let layout: ProductionLayout;
  const receiver = new OtlpReceiver();

  beforeAll(async () => {
    db = await createTestDatabase();
    const endpoint = await receiver.listen();
    layout = await ProductionLayout.create(db.connection.url!, {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '200',
      LOG_LEVEL: 'debug',
      // Slowness is not under test here: a loaded machine must not turn the story into timeouts.
      GATEWAY_SUBGRAPH_TIMEOUT_MS: '20000',
      GATEWAY_SUBGRAPH_MUTATION_TIMEOUT_MS: '30000',
    });
    await layout.startAll();
    await seedDevKeys(drizzleOn(db.connection, 'gateway'), drizzleOn(db.connection, 'health-status'));
  }, 600_000);

  afterAll(async () => {
    await layout?.close();
    await receiver.close();
    await db?.drop();
  });

  const call = async (apiKey: string, user: string | undefined, query: string, variables?: Record<string, unknown>) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-api-key': apiKey };
    if (user) headers['x-channel-user'] = user;
    const res = await fetch(layout.url('gateway'), { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  };

  it('follows one request from the gateway into each subgraph it calls under one trace id, and logs no personal data anywhere', async () => {
    // The demo residents' story: register through their channels, add a dependent, declare, read the household.
    for (const r of DEMO_RESIDENTS) {
      const registered = await call(CHANNEL_KEYS[r.channel]!, r.channelUser, SAFELISTED('RegisterPerson'), { input: r.input });
      expect(registered.errors, layout.output().slice(-3000)).toBeUndefined();
    }
    const liming = DEMO_RESIDENTS[0]!;
    const grandma = dependentInput();
    expect((await call(CHANNEL_KEYS[liming.channel]!, liming.channelUser, SAFELISTED('AddDependent'), { input: grandma })).errors).toBeUndefined();
    expect((await call(CHANNEL_KEYS[liming.channel]!, liming.channelUser, SAFELISTED('SubmitDeclaration'), { input: { temperature: 38.4 } })).errors).toBeUndefined();
    const household = await call(CHANNEL_KEYS[liming.channel]!, liming.channelUser, SAFELISTED('MyHousehold'));
    expect(household.errors).toBeUndefined();
    // A bad request too: refusals must not echo the input into a log either.
    await call(CHANNEL_KEYS[liming.channel]!, liming.channelUser, SAFELISTED('AddDependent'), { input: { ...grandma, documentNumber: `${liming.input.documentNumber.slice(0, 17)}0` } });

    // The household read crosses identity (names) and health-status (codes): one trace holds both.
    // A subgraph's server span is a child of the gateway's client span: traceparent crossed the hop.
    // Spans arrive in batches (a server span ends after its children), so wait for the whole picture.
    const subgraphRootsOf = (spans: ExportedSpan[]) => {
      const gatewaySpanIds = new Set(spans.filter((s) => s.service === 'hcg-gateway').map((s) => s.spanId));
      return new Set(spans.filter((s) => s.service !== 'hcg-gateway' && s.parentSpanId && gatewaySpanIds.has(s.parentSpanId)).map((s) => s.service));
    };
    let trace: ExportedSpan[] = [];
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      const byTrace = new Map<string, ExportedSpan[]>();
      for (const s of receiver.spans) byTrace.set(s.traceId, [...(byTrace.get(s.traceId) ?? []), s]);
      trace = [...byTrace.values()].find((spans) => ['hcg-identity', 'hcg-health-status'].every((svc) => subgraphRootsOf(spans).has(svc))) ?? [];
      if (trace.length) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(trace.length, JSON.stringify(receiver.spans.slice(0, 30).map((s) => [s.service, s.name, s.traceId.slice(0, 6)]))).toBeGreaterThan(0);
    // GraphQL execution shows inside each process.
    expect(trace.some((s) => s.service === 'hcg-identity' && /graphql/i.test(s.name))).toBe(true);

    // Debug logs of all five processes: no name, document number or phone number of anyone in the story.
    const logs = layout.output();
    expect(logs.length).toBeGreaterThan(0);
    const secrets = [...DEMO_RESIDENTS.flatMap((r) => [r.input.name, r.input.documentNumber, 'phone' in r.input ? r.input.phone : undefined]), grandma.name, grandma.documentNumber].filter(
      (s): s is string => typeof s === 'string',
    );
    for (const s of secrets) expect(logs.includes(s), `log output contains ${s}`).toBe(false);
  }, 300_000);
});
