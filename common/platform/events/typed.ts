import type { Executor } from '../db.js';
import { STREAM_OF, isEventType, streamsOf, type EventPayloads, type EventType, type OutgoingEvent } from './contracts.js';
import type { ConsumerSpec, DomainEvent, EventTransport } from './transport.js';

/** Applies one event of type T inside the consumer's transaction. */
export type EventHandler<T extends EventType> = (tx: Executor, payload: EventPayloads[T], event: DomainEvent) => Promise<void>;
/** A consumer's handlers by event type; the streams it reads follow from the types it handles. */
export type EventHandlers = { [T in EventType]?: EventHandler<T> };

function handle<T extends EventType>(handlers: EventHandlers, type: T, tx: Executor, event: DomainEvent): Promise<void> {
  const handler: EventHandler<T> | undefined = handlers[type];
  // The wire boundary: the payload was written by `publishEvents`, whose type parameter ties it to `type`.
  return handler ? handler(tx, event.payload as unknown as EventPayloads[T], event) : Promise.resolve();
}

/** A consumer from typed handlers: the only place a stored payload is read as its contract type. */
export function consumerSpec(name: string, schema: string, handlers: EventHandlers): ConsumerSpec {
  const types = Object.keys(handlers).filter(isEventType);
  return {
    name,
    schema,
    streams: [...new Set(types.flatMap(streamsOf))],
    handle: (tx, event) => (isEventType(event.type) ? handle(handlers, event.type, tx, event) : Promise.resolve()),
  };
}

/** Publishes typed events, each on its type's stream, inside the caller's transaction. */
export async function publishEvents(transport: EventTransport, tx: Executor, events: OutgoingEvent[]): Promise<void> {
  const byStream = new Map<string, OutgoingEvent[]>();
  for (const e of events) {
    const list = byStream.get(STREAM_OF[e.type]);
    if (list) list.push(e);
    else byStream.set(STREAM_OF[e.type], [e]);
  }
  for (const [stream, list] of byStream) {
    await transport.publish(tx, stream, list.map((e) => ({ type: e.type, personId: e.personId ?? null, payload: { ...e.payload } })));
  }
}
