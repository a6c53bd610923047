import type { DatabaseHandle } from '../common/platform/db.js';
import { hashApiKey } from '../gateway/credentials.js';
import { GatewayRepository } from '../gateway/db/repository.js';
import { HealthStatusRepository } from '../subgraphs/health-status/db/repository.js';
import { residentIdCheckCharacter } from '../common/domain/documents/index.js';

/** The demo checkpoint's id; the checkpoint registry itself belongs to health-status. */
export const DEMO_CHECKPOINT_ID = '01900000-0000-7000-8000-00000000c0de';
/** The demo grid worker's checkpoint (kind GRID_VISIT). */
export const DEMO_GRID_CHECKPOINT_ID = '01900000-0000-7000-8000-00000000961d';
/** The demo employer's unified social credit code (check character per GB 32100); identity registers it. */
export const DEMO_EMPLOYER = { creditCode: '91450103MA5K00001R', name: '南宁示范制造有限公司', region: '450103' } as const;

/** Development-only API keys: printed at start and listed in the README. Never seeded in production. */
export const DEV_KEYS = [
  { id: 'dev-channel-wechat-zzg', key: 'hcg_dev_channel_wechat-zzg', kind: 'channel', subject: 'wechat-zzg', label: '壮掌桂 WeChat mini-program' },
  { id: 'dev-channel-alipay', key: 'hcg_dev_channel_alipay', kind: 'channel', subject: 'alipay', label: 'Alipay mini-program' },
  { id: 'dev-channel-aiguangxi', key: 'hcg_dev_channel_aiguangxi', kind: 'channel', subject: 'aiguangxi', label: '爱广西 app' },
  { id: 'dev-checkpoint', key: 'hcg_dev_checkpoint_gate', kind: 'checkpoint', subject: DEMO_CHECKPOINT_ID, label: 'Demo community gate, 青秀区' },
  { id: 'dev-authority', key: 'hcg_dev_authority', kind: 'authority', subject: 'gx-cdc-demo', label: 'Health commission, 南宁市 (demo officer)', scopes: ['org:450100'] },
  // A designation of a named person takes a second officer of the same commission or one above it (docs/designations.md).
  { id: 'dev-authority-reviewer', key: 'hcg_dev_authority_reviewer', kind: 'authority', subject: 'gx-hc-reviewer', label: 'Health commission, 广西 (second officer, supervisor)', scopes: ['org:450000', 'supervisor'] },
  { id: 'dev-authority-county', key: 'hcg_dev_authority_county', kind: 'authority', subject: 'qx-cdc-demo', label: 'Health commission, 青秀区 (county officer)', scopes: ['org:450103'] },
  { id: 'dev-dashboard', key: 'hcg_dev_dashboard', kind: 'dashboard', subject: 'ops-dashboard', label: 'Internal dashboard' },
  { id: 'dev-admin', key: 'hcg_dev_admin', kind: 'admin', subject: 'ops-admin', label: 'Operator' },
  { id: 'dev-checkpoint-grid', key: 'hcg_dev_checkpoint_grid', kind: 'checkpoint', subject: DEMO_GRID_CHECKPOINT_ID, label: 'Demo grid worker (door-to-door visits), 桂林市叠彩区', scopes: ['grid-visit'] },
  { id: 'dev-employer', key: 'hcg_dev_employer', kind: 'employer', subject: DEMO_EMPLOYER.creditCode, label: `${DEMO_EMPLOYER.name} (HR office)` },
  { id: 'dev-hotline', key: 'hcg_dev_hotline', kind: 'hotline', subject: 'op-12345-demo', label: '12345 hotline operator (demo seat)' },
] as const;

const withCheck = (first17: string) => first17 + residentIdCheckCharacter(first17);

/** Demo residents, registered through the gateway like any channel user would be. */
export const DEMO_RESIDENTS = [
  { channel: 'wechat-zzg', channelUser: 'demo-openid-liming', input: { name: '李明', documentNumber: withCheck('45010319900307123'), phone: '13800771234', region: '450103', address: '青秀区民族大道 100 号' } },
  { channel: 'alipay', channelUser: 'demo-alipay-wangfang', input: { name: '王芳', documentNumber: withCheck('45010219880512234'), phone: '13907712345', region: '450102', address: '兴宁区朝阳路 8 号' } },
  { channel: 'aiguangxi', channelUser: 'demo-agx-huangwei', input: { name: '黄伟', documentNumber: withCheck('45020519750101001'), region: '450205' } },
] as const;

/** Development keys and the demo checkpoint they name. Never in production. */
export async function seedDevKeys(gatewayDb: DatabaseHandle, healthStatusDb: DatabaseHandle): Promise<void> {
  const repo = new GatewayRepository(gatewayDb.db);
  for (const k of DEV_KEYS) {
    await repo.upsertKey({ id: k.id, keyHash: hashApiKey(k.key), principalKind: k.kind, subject: k.subject, scopes: 'scopes' in k ? [...k.scopes] : [], label: k.label });
  }
  const checkpoints = new HealthStatusRepository(healthStatusDb.db).checkpoints;
  if (!(await checkpoints.checkpointsByIds([DEMO_CHECKPOINT_ID])).length) {
    await checkpoints.insertCheckpoint({ id: DEMO_CHECKPOINT_ID, name: '民族大道 100 号小区南门', kind: 'COMMUNITY_GATE', region: '450103', address: '青秀区民族大道 100 号', createdBy: 'seed' });
  }
  if (!(await checkpoints.checkpointsByIds([DEMO_GRID_CHECKPOINT_ID])).length) {
    // In another city than the demo gate, so region listings of 南宁市 show the gate alone.
    await checkpoints.insertCheckpoint({ id: DEMO_GRID_CHECKPOINT_ID, name: '叠彩区北门街道第三网格', kind: 'GRID_VISIT', region: '450303', address: null, createdBy: 'seed' });
  }
}

/** Registers the demo residents (and the demo employer) through the gateway; idempotent. */
export async function seedDemoResidents(gatewayUrl: string): Promise<void> {
  const employer = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': DEV_KEYS.find((k) => k.kind === 'admin')!.key },
    body: JSON.stringify({ query: 'mutation($input: RegisterEmployerInput!) { registerEmployer(input: $input) { created } }', variables: { input: DEMO_EMPLOYER } }),
  });
  const registered = (await employer.json()) as { errors?: unknown[] };
  if (registered.errors) throw new Error(`seeding the demo employer failed: ${JSON.stringify(registered.errors)}`);
  for (const r of DEMO_RESIDENTS) {
    const key = DEV_KEYS.find((k) => k.subject === r.channel)!.key;
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key, 'x-channel-user': r.channelUser },
      body: JSON.stringify({
        query: 'mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }',
        variables: { input: r.input },
      }),
    });
    const body = (await res.json()) as { errors?: unknown[] };
    if (body.errors) throw new Error(`seeding ${r.input.name} failed: ${JSON.stringify(body.errors)}`);
  }
}
