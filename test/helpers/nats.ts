import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/** The machine's and CI's NATS with JetStream (`NATS_URL` to point elsewhere). */
export const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/**
 * Whether the NATS suites run. In CI an unreachable NATS fails the run (the caller throws);
 * elsewhere the suites are skipped with a note, as the browser suites are without chromium.
 */
export async function natsAvailable(): Promise<boolean> {
  try {
    const nc = await connect({ servers: NATS_URL, timeout: 1000, reconnect: false });
    await jetstreamManager(nc); // fails without JetStream
    await nc.close();
    return true;
  } catch (err) {
    if (process.env.CI === 'true') throw new Error(`NATS with JetStream unreachable at ${NATS_URL}: CI must run it`, { cause: err });
    console.warn(`NATS unreachable at ${NATS_URL}: the NATS transport's tests are skipped`);
    return false;
  }
}

/** A prefix of the run's own, so parallel runs never share a JetStream stream or subject. */
export const natsPrefix = (label: string) => `hcgtest_${label}_${randomBytes(4).toString('hex')}`;

/** Deletes the run's JetStream stream. */
export async function dropNatsStream(prefix: string): Promise<void> {
  const nc = await connect({ servers: NATS_URL, reconnect: false });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(`${prefix}_events`).catch(() => false);
  } finally {
    await nc.close();
  }
}
