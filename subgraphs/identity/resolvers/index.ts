import { DateScalar, DateTimeScalar } from '../../../common/scalars.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { ChannelBinding } from './ChannelBinding.js';
import { registerPerson } from './Mutation/registerPerson.js';
import { Person } from './Person.js';
import { channels } from './Query/channels.js';
import { me } from './Query/me.js';
import { person } from './Query/person.js';
import { personByDocument } from './Query/personByDocument.js';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: { me, person, personByDocument, channels },
  Mutation: { registerPerson },
  Person,
  ChannelBinding,
};
