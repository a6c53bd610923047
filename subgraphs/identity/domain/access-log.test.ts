import { describe, expect, it } from 'vitest';
import { organisationOf } from './access-log.js';

describe(organisationOf.name, () => {
  it.each([
    ['authority', 'staff-liwei', null, '卫生健康委员会'],
    ['authority', 'staff-liwei', '某某', '卫生健康委员会'],
    ['province', '440000', null, '广东省'],
    ['province', 'CAAC', null, 'CAAC'],
    ['checkpoint', '0190a0b0-0000-7000-8000-000000000001', '民族大道卡口', '民族大道卡口'],
    ['checkpoint', '0190a0b0-0000-7000-8000-000000000001', null, '查验点'],
    ['hotline', 'operator-007', '王五', '12345政务服务便民热线'],
    ['employer', 'ent-1', '南宁某某有限公司', '南宁某某有限公司'],
    ['eid-counter', 'desk-3', null, 'eid-counter'],
    ['channel', 'alipay', '支付宝', '支付宝'],
    ['channel', 'alipay', null, 'alipay'],
  ] as const)('%s %s (%s) → %s', (kind, subject, organisation, shown) => {
    expect(organisationOf(kind, subject, organisation)).toBe(shown);
  });

  it('never shows the subject of a staff credential', () => {
    for (const kind of ['authority', 'dashboard', 'admin', 'hotline']) expect(organisationOf(kind, 'staff-zhangsan', null)).not.toContain('zhangsan');
  });
});
