import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { HotlineCaller } from './resolvers/HotlineCaller.js';
import { addAppealNote } from './resolvers/Mutation.addAppealNote.js';
import { fileAppealForCaller } from './resolvers/Mutation.fileAppealForCaller.js';

/** The 12345 hotline: a caller's colour and reasons, appeals filed and annotated on their behalf. */
export const hotlineModule: Resolvers = {
  Mutation: { fileAppealForCaller, addAppealNote },
  HotlineCaller,
};
