import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drizzleOn } from '../common/platform/db.js';
import { runMigrations } from '../common/platform/migrate.js';
import { IdentityRepository } from '../subgraphs/identity/db/repository.js';
import { identityFactory } from '../subgraphs/identity/index.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';

/**
 * Reference data comes with the schema: any process that migrates identity (npm start, each
 * service on its own, the api-keys tool) can register residents at once, with no seeding step.
 */
describe('reference data by migration', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('has the nine partner channels of the announcement after migrating identity, and migrating again changes nothing', async () => {
    const handle = drizzleOn(db.connection, 'identity');
    await runMigrations(handle, 'identity', identityFactory.migrations);
    await runMigrations(handle, 'identity', identityFactory.migrations);
    const channels = await new IdentityRepository(handle.db).channels.listChannels();
    expect(channels.map((c) => [c.code, c.name, c.kind])).toEqual([
      ['aiguangxi', '爱广西', 'APP'],
      ['alipay', '支付宝', 'MINI_PROGRAM'],
      ['bagui-caiyun', '八桂彩云', 'APP'],
      ['guijiantong', '桂建通', 'APP'],
      ['gxcloud', '广西云', 'APP'],
      ['nanning-yongyi', '南宁邕易', 'MINI_PROGRAM'],
      ['smkyq', '扫码抗疫情', 'MINI_PROGRAM'],
      ['wechat-zzg', '壮掌桂', 'MINI_PROGRAM'],
      ['zhuangguan', '壮观', 'APP'],
    ]);
  });
});
