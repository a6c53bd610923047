import { regionName } from '../../../common/domain/regions/index.js';

/**
 * The organisation shown for a caller in a person's access log. A credential's subject is a staff
 * or operator id for some kinds: those are never shown, only the body they work for. A kind this
 * table does not know shows the producer's organisation, else the kind itself.
 */
export function organisationOf(kind: string, subject: string, organisation: string | null): string {
  switch (kind) {
    case 'authority':
      return '卫生健康委员会';
    case 'dashboard':
      return '卫生健康委员会（数据看板）';
    case 'admin':
      return '健康码运营中心';
    case 'hotline':
      return '12345政务服务便民热线';
    case 'province':
      // A partner's code is its province's GB/T 2260 code, or a national partner's own code.
      return organisation ?? regionName(subject) ?? subject;
    case 'checkpoint':
      return organisation ?? '查验点';
    case 'employer':
      return organisation ?? '用人单位';
    case 'channel':
      // Only its bindings reach the log; a channel's code names an app, never a person.
      return organisation ?? subject;
    default:
      return organisation ?? kind;
  }
}
