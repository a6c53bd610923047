import type { Relation } from '../../../common/domain/access.js';
import { maskName } from '../../../common/domain/documents/masking.js';

/** Whether a caller sees a person's full name, and whether that read goes to the person's access log. */
export interface NameVisibility {
  full: boolean;
  audited: boolean;
}

/**
 * Who sees a person's full name (`Person.displayName`): the person, their own guardians (so a
 * household of two 李 children can be told apart on the guardian's page) and the health authority,
 * whose read is audited like any other; anyone else, a checkpoint or another resident who reached the
 * person some other way, gets the masked form (`李*`). A guardian's read is not audited: the log is of
 * reads by anyone but the person and their guardians (docs/access-log.md).
 */
export function nameVisibility(relation: Relation): NameVisibility {
  switch (relation) {
    case 'SELF':
    case 'GUARDIAN':
      return { full: true, audited: false };
    case 'AUTHORITY':
      return { full: true, audited: true };
    case 'NONE':
      return { full: false, audited: false };
  }
}

/** The name as `relation` may see it. */
export function shownName(name: string, relation: Relation): string {
  return nameVisibility(relation).full ? name : maskName(name);
}
