import { DateScalar, DateTimeScalar } from '../../../common/scalars.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Channel } from './Channel.js';
import { ChannelBinding } from './ChannelBinding.js';
import { CodeHolder } from './CodeHolder.js';
import { Guardian } from './Guardian.js';
import { GuardianshipRequest } from './GuardianshipRequest.js';
import { acceptGuardianshipRequest } from './Mutation/acceptGuardianshipRequest.js';
import { declineGuardianshipRequest } from './Mutation/declineGuardianshipRequest.js';
import { requestGuardianship } from './Mutation/requestGuardianship.js';
import { addDependent } from './Mutation/addDependent.js';
import { registerPerson } from './Mutation/registerPerson.js';
import { removeDependent } from './Mutation/removeDependent.js';
import { removeGuardian } from './Mutation/removeGuardian.js';
import { Person } from './Person.js';
import { channels } from './Query/channels.js';
import { me } from './Query/me.js';
import { person } from './Query/person.js';
import { personByDocument } from './Query/personByDocument.js';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: { me, person, personByDocument, channels },
  Mutation: { registerPerson, addDependent, removeDependent, removeGuardian, requestGuardianship, acceptGuardianshipRequest, declineGuardianshipRequest },
  Person,
  Guardian,
  GuardianshipRequest,
  Channel,
  ChannelBinding,
  CodeHolder,
};
