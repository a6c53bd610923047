import type { PersonRow } from '../../db/repository.js';

/** A hotline caller as identity answers the look-up: the reference and the person behind it, never shown. */
export interface HotlineCallerView {
  id: string;
  ticket: string;
  person: PersonRow;
}

/** The person a grid worker found: the reference and the person behind it, never shown. */
export interface GridVisitPersonView {
  id: string;
  person: PersonRow;
}
