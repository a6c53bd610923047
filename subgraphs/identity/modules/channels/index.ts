import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { Channel } from './resolvers/Channel.js';
import { ChannelApplication } from './resolvers/ChannelApplication.js';
import { ChannelBinding } from './resolvers/ChannelBinding.js';
import { ChannelUsage } from './resolvers/ChannelUsage.js';
import { applyForChannel } from './resolvers/Mutation.applyForChannel.js';
import { approveChannelApplication } from './resolvers/Mutation.approveChannelApplication.js';
import { reinstateChannel } from './resolvers/Mutation.reinstateChannel.js';
import { rejectChannelApplication } from './resolvers/Mutation.rejectChannelApplication.js';
import { rotateChannelKey } from './resolvers/Mutation.rotateChannelKey.js';
import { suspendChannel } from './resolvers/Mutation.suspendChannel.js';
import { unbindChannel } from './resolvers/Mutation.unbindChannel.js';
import { channelApplications } from './resolvers/Query.channelApplications.js';
import { channelUsage } from './resolvers/Query.channelUsage.js';
import { channels } from './resolvers/Query.channels.js';

/** Channels: the registry, onboarding (applications, keys, suspension, usage) and a person's bindings. */
export const channelsModule: Resolvers = {
  Query: { channels, channelApplications, channelUsage },
  Mutation: { applyForChannel, approveChannelApplication, rejectChannelApplication, rotateChannelKey, suspendChannel, reinstateChannel, unbindChannel },
  Channel,
  ChannelApplication,
  ChannelBinding,
  ChannelUsage,
};
