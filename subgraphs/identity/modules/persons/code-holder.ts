import type { PersonRow } from '../../db/repository.js';

/** A scanned code's holder: the pseudonym the checkpoint holds and the person behind it, never shown. */
export interface CodeHolderView {
  id: string;
  person: PersonRow;
}
