import { DateScalar, DateTimeScalar } from '../../../common/scalars.js';
import { mergeResolvers } from '../../../common/subgraph.js';
import { employersModule } from './employers/index.js';
import { lookupsModule } from './lookups/index.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { AccessLogEntry } from './access-log/resolvers/AccessLogEntry.js';
import { accessLog } from './access-log/resolvers/Person.accessLog.js';
import { applyForChannel } from './channels/resolvers/Mutation.applyForChannel.js';
import { approveChannelApplication } from './channels/resolvers/Mutation.approveChannelApplication.js';
import { rejectChannelApplication } from './channels/resolvers/Mutation.rejectChannelApplication.js';
import { rotateChannelKey } from './channels/resolvers/Mutation.rotateChannelKey.js';
import { suspendChannel } from './channels/resolvers/Mutation.suspendChannel.js';
import { reinstateChannel } from './channels/resolvers/Mutation.reinstateChannel.js';
import { unbindChannel } from './channels/resolvers/Mutation.unbindChannel.js';
import { channelApplications } from './channels/resolvers/Query.channelApplications.js';
import { channelUsage } from './channels/resolvers/Query.channelUsage.js';
import { ChannelApplication } from './channels/resolvers/ChannelApplication.js';
import { ChannelUsage } from './channels/resolvers/ChannelUsage.js';
import { Channel } from './channels/resolvers/Channel.js';
import { ChannelBinding } from './channels/resolvers/ChannelBinding.js';
import { CodeHolder } from './persons/resolvers/CodeHolder.js';
import { Guardian } from './household/resolvers/Guardian.js';
import { GuardianshipRequest } from './household/resolvers/GuardianshipRequest.js';
import { acceptGuardianshipRequest } from './household/resolvers/Mutation.acceptGuardianshipRequest.js';
import { confirmGuardianshipOnGridVisit } from './household/resolvers/Mutation.confirmGuardianshipOnGridVisit.js';
import { declineGuardianshipRequest } from './household/resolvers/Mutation.declineGuardianshipRequest.js';
import { requestGuardianship } from './household/resolvers/Mutation.requestGuardianship.js';
import { addDependent } from './household/resolvers/Mutation.addDependent.js';
import { registerPerson } from './persons/resolvers/Mutation.registerPerson.js';
import { removeDependent } from './household/resolvers/Mutation.removeDependent.js';
import { removeGuardian } from './household/resolvers/Mutation.removeGuardian.js';
import { Person } from './persons/resolvers/Person.js';
import { channels } from './channels/resolvers/Query.channels.js';
import { importLegacyRecords } from './legacy/resolvers/Mutation.importLegacyRecords.js';
import { LegacyConflict } from './legacy/resolvers/LegacyConflict.js';
import { legacyConflicts } from './legacy/resolvers/Query.legacyConflicts.js';
import { me } from './persons/resolvers/Query.me.js';
import { person } from './persons/resolvers/Query.person.js';
import { personByDocument } from './persons/resolvers/Query.personByDocument.js';

export const resolvers: Resolvers = mergeResolvers<Resolvers>([{
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: { me, person, personByDocument, channels, legacyConflicts, channelApplications, channelUsage },
  Mutation: { registerPerson, addDependent, removeDependent, removeGuardian, requestGuardianship, acceptGuardianshipRequest, declineGuardianshipRequest, confirmGuardianshipOnGridVisit, importLegacyRecords, applyForChannel, approveChannelApplication, rejectChannelApplication, rotateChannelKey, suspendChannel, reinstateChannel, unbindChannel },
  Person: { ...Person, accessLog },
  AccessLogEntry,
  Guardian,
  GuardianshipRequest,
  Channel,
  ChannelBinding,
  CodeHolder,
  LegacyConflict,
  ChannelApplication,
  ChannelUsage,
}, employersModule, lookupsModule]);
