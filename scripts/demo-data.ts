import { systemActor } from '../common/platform/audit.js';
import type { Config } from '../common/platform/config.js';
import { addDays, localDate } from '../common/domain/dates.js';
import type { DatabaseHandle } from '../common/platform/db.js';
import { residentIdCheckCharacter } from '../common/domain/documents/index.js';
import { DECLARATION_EVENTS, type DeclarationRecorded } from '../common/platform/events/contracts.js';
import { PostgresEventTransport } from '../common/platform/events/postgres-transport.js';
import { publishEvents } from '../common/platform/events/typed.js';
import { newId } from '../common/platform/ids.js';
import { GUANGXI_REGIONS } from '../common/domain/regions/index.js';
import { toLocalDateTime } from '../common/platform/scalars.js';
import type { Connection } from '../common/platform/db.js';
import { DeclarationsRepository } from '../subgraphs/declarations/db/repository.js';
import { HealthStatusRepository } from '../subgraphs/health-status/db/repository.js';
import type { NewScan } from '../subgraphs/health-status/modules/checkpoints/checkpoints.repository.js';
import { IdentityRepository } from '../subgraphs/identity/db/repository.js';
import { importLegacyBatch, type LegacyLine } from '../subgraphs/identity/modules/legacy/legacy.service.js';
import { DEMO_CHECKPOINT_ID, DEMO_GRID_CHECKPOINT_ID } from './seed.js';

/**
 * `npm start`'s demo population: a few thousand residents across seven cities, a few percent of
 * them yellow or red, two weeks of declarations and of checkpoint scans, so that every chart of the
 * dashboard draws and most of its cells are shown (a count of 5 or more), with a few "<5" left.
 *
 * The residents come the way a vendor's users come (the legacy import, 八码归一, as if the three
 * development channels had brought them): persons, bindings, audit rows, and the events from which
 * health-status keeps their colours and counters. A vendor's YELLOW or RED becomes a designation.
 * Declarations of past days and scans are written through their owners' repositories with the
 * events the other subgraphs learn from. Everything is a function of the seed number and `today`,
 * so a test on the same clock sees the same counts.
 */

/** Cities (GB/T 2260 prefecture codes), their share of the residents and of yellow and red codes. */
const CITIES = [
  { prefix: '4501', share: 0.34, yellow: 0.05, red: 0.02 }, // 南宁市
  { prefix: '4502', share: 0.19, yellow: 0.03, red: 0.004 }, // 柳州市: few reds ("<5")
  { prefix: '4503', share: 0.17, yellow: 0.08, red: 0.03 }, // 桂林市
  { prefix: '4509', share: 0.11, yellow: 0.04, red: 0.07 }, // 玉林市
  { prefix: '4505', share: 0.08, yellow: 0.06, red: 0 }, // 北海市
  { prefix: '4504', share: 0.07, yellow: 0.03, red: 0.01 }, // 梧州市
  { prefix: '4510', share: 0.04, yellow: 0.01, red: 0 }, // 百色市: a small city, its yellow "<5"
] as const;

/** The checkpoints the demo scans happen at: the development gate, the grid, and one per city more. */
export const DEMO_CHECKPOINTS = [
  { id: DEMO_CHECKPOINT_ID, perDay: 28 },
  { id: DEMO_GRID_CHECKPOINT_ID, perDay: 6 },
  { id: '01900000-0000-7000-8000-00000000c0d1', name: '柳州站出站口', kind: 'TRANSPORT_HUB', region: '450202', address: '飞鹅路 1 号', perDay: 22 },
  { id: '01900000-0000-7000-8000-00000000c0d2', name: '桂林两江国际机场到达厅', kind: 'TRANSPORT_HUB', region: '450312', address: null, perDay: 16 },
  { id: '01900000-0000-7000-8000-00000000c0d3', name: '北海银滩景区东门', kind: 'PUBLIC_VENUE', region: '450503', address: null, perDay: 9 },
  { id: '01900000-0000-7000-8000-00000000c0d4', name: '玉林市第一人民医院门诊楼', kind: 'PUBLIC_VENUE', region: '450902', address: '教育中路 495 号', perDay: 3 },
] as const;

/**
 * How many: enough that most cells are shown, few enough that seeding (with every subgraph's
 * projection of them) stays under 15 s on PGlite; see docs/pages.md.
 */
export const DEMO_POPULATION = 1500;

const VENDORS = ['wechat-zzg', 'alipay', 'aiguangxi'] as const;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐韦覃蒙莫陆';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '超', '秀英', '华', '建国', '桂兰', '志强', '海燕', '春梅'];
/** The vendor user id of the i-th demo resident: also how a second start knows the seed is there. */
const demoUser = (i: number) => `demo-pop-${i}`;

/** A small deterministic generator (mulberry32): the same seed, the same population. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoResident {
  vendor: (typeof VENDORS)[number];
  vendorUserId: string;
  name: string;
  documentNumber: string;
  region: string;
  color: 'GREEN' | 'YELLOW' | 'RED';
  colorSince: string;
}

/** The demo residents as a vendor's records; pure. */
export function demoResidents(count: number, today: string, seed = 2026): DemoResident[] {
  const rnd = random(seed);
  const counties = (prefix: string) => [...GUANGXI_REGIONS].filter(([code, r]) => r.level === 'COUNTY' && code.startsWith(prefix)).map(([code]) => code);
  const out: DemoResident[] = [];
  let i = 0;
  for (const city of CITIES) {
    const places = counties(city.prefix);
    const n = Math.round(count * city.share);
    for (let k = 0; k < n; k++, i++) {
      const region = places[Math.floor(rnd() * places.length)]!;
      // Born 1950-2005 on a day the index picks; sequence numbers 500-999 keep clear of hand-made test IDs.
      const birth = addDays('1950-01-01', Math.floor(rnd() * 20_000));
      const first17 = `${region}${birth.replaceAll('-', '')}${String(500 + (i % 500)).padStart(3, '0')}`;
      const roll = rnd();
      const color = roll < city.red ? 'RED' : roll < city.red + city.yellow ? 'YELLOW' : 'GREEN';
      out.push({
        vendor: VENDORS[i % VENDORS.length]!,
        vendorUserId: demoUser(i),
        name: SURNAMES[Math.floor(rnd() * SURNAMES.length)]! + GIVEN[Math.floor(rnd() * GIVEN.length)]!,
        documentNumber: first17 + residentIdCheckCharacter(first17),
        region,
        color,
        // Yellow and red began in the last ten days, so the 14-day rule has not cleared them yet.
        colorSince: addDays(today, -1 - Math.floor(rnd() * 9)),
      });
    }
  }
  return out;
}

export interface DemoSeedResult {
  residents: number;
  declarations: number;
  scans: number;
  /** False when an earlier start had seeded the population already. */
  seeded: boolean;
}

export interface DemoSeedDeps {
  db: Record<'identity' | 'declarations' | 'health-status', DatabaseHandle>;
  connection: Connection;
  secrets: Config['secrets'];
}

/**
 * Seeds the demo population, two weeks of declarations and scans ending `now`; idempotent (a second
 * start finds the first demo resident bound and leaves everything as it is).
 */
export async function seedDemoPopulation(deps: DemoSeedDeps, now: Date, count = DEMO_POPULATION): Promise<DemoSeedResult> {
  const identity = new IdentityRepository(deps.db.identity.db);
  if ((await identity.legacy.boundUsers(VENDORS[0], [demoUser(0)], deps.db.identity.db)).length) return { residents: 0, declarations: 0, scans: 0, seeded: false };
  const today = localDate(now);
  const residents = demoResidents(count, today);

  // 1. Residents, as the vendors' imports bring them: one transaction per vendor and 1,000 records.
  const legacy = { repo: identity, events: new PostgresEventTransport(deps.db.identity.db, deps.connection), secrets: deps.secrets };
  const people: { personId: string; resident: DemoResident }[] = [];
  for (const vendor of VENDORS) {
    const mine = residents.filter((r) => r.vendor === vendor);
    for (let s = 0; s < mine.length; s += 1000) {
      const chunk = mine.slice(s, s + 1000);
      const lines: LegacyLine[] = chunk.map((r, k) => ({ line: s + k + 1, raw: { ...r } }));
      const outcome = await importLegacyBatch(legacy, vendor, lines, systemActor('demo-seed'), now);
      if (outcome.rejected.length || outcome.conflicts.length) throw new Error(`demo seed: ${JSON.stringify(outcome.rejected[0] ?? outcome.conflicts[0])}`);
      const bound = await identity.legacy.boundUsers(vendor, chunk.map((r) => r.vendorUserId), deps.db.identity.db);
      const byUser = new Map(chunk.map((r) => [r.vendorUserId, r]));
      for (const b of bound) people.push({ personId: b.personId, resident: byUser.get(b.channelUser)! });
    }
  }
  people.sort((a, b) => a.resident.vendorUserId.localeCompare(b.resident.vendorUserId, 'en', { numeric: true }));

  // 2. Two weeks of declarations: a few percent of the residents a day, more on weekdays, and
  //    about one in twelve with a fever; each day one transaction with its events.
  const rnd = random(7);
  const declarationsRepo = new DeclarationsRepository(deps.db.declarations.db);
  const declarationEvents = new PostgresEventTransport(deps.db.declarations.db, deps.connection);
  let declarations = 0;
  for (let back = 13; back >= 0; back--) {
    const date = addDays(today, -back);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const share = weekday === 0 || weekday === 6 ? 0.02 : 0.035;
    const who = people.filter(() => rnd() < share);
    const rows = who.map((p, k) => {
      const fever = rnd() < 0.08;
      const temperature = fever ? 37.6 + Math.round(rnd() * 10) / 10 : 36.2 + Math.round(rnd() * 7) / 10;
      const submittedAt = new Date(Math.min(Date.parse(`${date}T07:00:00+08:00`) + k * 97_000, now.getTime())).toISOString();
      return { id: newId(), personId: p.personId, localDate: date, temperature, symptoms: fever ? ['FEVER' as const] : [], exposures: [], trip: null, normal: !fever, submittedBy: p.personId, submittedByRelation: 'SELF' as const, channel: p.resident.vendor, submittedAt };
    });
    await declarationsRepo.transaction(async (tx) => {
      const inserted = await declarationsRepo.declarations.insertFirstVersions(rows, tx);
      const events = inserted.map((row) => {
        const payload: DeclarationRecorded = { declarationId: row.id, personId: row.personId, localDate: date, version: row.version, temperature: row.temperature, symptoms: row.symptoms, exposures: [], normal: row.normal, submittedAt: toLocalDateTime(row.submittedAt) };
        return { type: DECLARATION_EVENTS.DeclarationRecorded, personId: row.personId, payload };
      });
      await publishEvents(declarationEvents, tx, events);
    });
    declarations += who.length;
  }

  // 3. Scans at six checkpoints over the same two weeks (passing on green), from the counters'
  //    trigger into the dashboard. One transaction a day.
  const healthStatus = new HealthStatusRepository(deps.db['health-status'].db);
  const known = new Set((await healthStatus.checkpoints.checkpointsByIds(DEMO_CHECKPOINTS.map((c) => c.id))).map((c) => c.id));
  for (const c of DEMO_CHECKPOINTS) {
    if (known.has(c.id) || !('name' in c)) continue;
    await healthStatus.checkpoints.insertCheckpoint({ id: c.id, name: c.name, kind: c.kind, region: c.region, address: c.address, createdBy: 'seed' });
  }
  let scans = 0;
  for (let back = 13; back >= 0; back--) {
    const date = addDays(today, -back);
    const rows: NewScan[] = [];
    for (const c of DEMO_CHECKPOINTS) {
      const n = Math.round(c.perDay * (0.6 + rnd() * 0.8));
      for (let k = 0; k < n; k++) {
        const at = Date.parse(`${date}T07:30:00+08:00`) + Math.floor(rnd() * 13 * 3600_000);
        const p = people[Math.floor(rnd() * people.length)]!;
        if (at > now.getTime()) continue;
        // A yellow or red resident was green before their colour began.
        const color = date >= p.resident.colorSince ? p.resident.color : 'GREEN';
        rows.push({ id: newId(), checkpointId: c.id, personId: p.personId, at: new Date(at).toISOString(), color, tokenColor: color, pass: color === 'GREEN', reason: color === 'GREEN' ? null : color, paper: false });
      }
    }
    await healthStatus.checkpoints.insertScans(rows);
    scans += rows.length;
  }
  return { residents: people.length, declarations, scans, seeded: true };
}
