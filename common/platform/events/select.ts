import type { EventTransportConfig } from '../config.js';
import type { Connection, Database } from '../db.js';
import { NatsEventTransport } from './nats-transport.js';
import { PostgresEventTransport } from './postgres-transport.js';
import type { EventTransport } from './transport.js';

/** The transport the configuration names (`EVENT_TRANSPORT`); producers and consumers never know which. */
export function eventTransport(config: EventTransportConfig, db: Database, connection: Connection): EventTransport {
  return config.kind === 'nats'
    ? new NatsEventTransport(db, connection, { url: config.natsUrl, prefix: config.natsPrefix })
    : new PostgresEventTransport(db, connection);
}
