import type { SQL } from 'drizzle-orm';
import { statementScope } from '../db.js';
import { isUndefinedTable } from '../errors.js';
import type { Logger } from '../logger.js';
import { eventDeliveryFailures, eventsApplied } from '../metrics.js';
import type { ConsumerSpec, DeliveryHooks, EventTransport } from './transport.js';

export interface ConsumerOptions {
  /** Fallback polling interval when no notification arrives (a lost NOTIFY, another process). */
  pollMs?: number;
  hooks?: DeliveryHooks;
}

/**
 * Runs one consumer: wakes on notifications, polls as a fallback, and lets a request bring the
 * consumer up to date before it reads (`fresh`), which is what makes a mutation's own response and
 * the very next request see its effect in another subgraph.
 */
export class EventConsumer {
  private running: Promise<number> | undefined;
  private queued: Promise<number> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => Promise<void>) | undefined;
  private stopped = false;
  /** Set while a producer's outbox does not exist yet (a cold start): said once, not every poll. */
  private waitingForProducer = false;

  constructor(
    readonly transport: EventTransport,
    readonly spec: ConsumerSpec,
    private readonly logger: Logger,
    private readonly options: ConsumerOptions = {},
  ) {}

  /**
   * Delivers what is pending. Calls made while a delivery runs share one follow-up delivery, so an
   * event committed after the running one began is still applied before the caller continues.
   */
  catchUp(): Promise<number> {
    if (!this.running) {
      this.running = this.run().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => 0)
      .then(() => {
        this.queued = undefined;
        return this.catchUp();
      });
    return this.queued;
  }

  /** Read-your-writes: one cheap check, and a delivery only when something is pending. */
  async fresh(): Promise<void> {
    if (await this.transport.pending(this.spec)) await this.catchUp();
  }

  /** The pending check as an expression a read can carry (`text[]` of streams), when the transport has one. */
  pendingStreams(): SQL<string[]> | undefined {
    return this.transport.pendingStreams?.(this.spec);
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.unsubscribe = await this.transport.subscribe((stream) => {
      if (this.spec.streams.includes(stream)) this.background();
    });
    const poll = () => {
      if (this.stopped) return;
      this.background();
      this.timer = setTimeout(poll, this.options.pollMs ?? 1000);
      this.timer.unref();
    };
    poll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.unsubscribe?.();
    // A queued follow-up turns into a new running delivery as the current one ends: wait for both.
    while (this.running || this.queued) {
      await this.running?.catch(() => 0);
      await this.queued?.catch(() => 0);
    }
  }

  private background(): void {
    // A notification already on its way when the consumer stopped must not start a delivery.
    if (this.stopped) return;
    this.catchUp().then(
      () => {
        if (!this.waitingForProducer) return;
        this.waitingForProducer = false;
        this.logger.info({ consumer: this.spec.name, streams: this.spec.streams }, 'producers migrated; delivering events');
      },
      (err: unknown) => {
        // Each process migrates its own schema at start, so a consumer may poll before its producer
        // has created its outbox: no fault, nothing to alert on, and the next poll tries again.
        if (isUndefinedTable(err)) {
          if (!this.waitingForProducer) this.logger.info({ consumer: this.spec.name, streams: this.spec.streams }, 'waiting for producers to migrate their outbox; retrying');
          this.waitingForProducer = true;
          return;
        }
        this.logger.error({ err, consumer: this.spec.name }, 'event delivery failed; will retry');
      },
    );
  }

  private async run(): Promise<number> {
    try {
      const applied = await statementScope.run('events', () => this.transport.deliver(this.spec, this.options.hooks));
      if (applied) eventsApplied.labels(this.spec.name).inc(applied);
      return applied;
    } catch (err) {
      eventDeliveryFailures.labels(this.spec.name).inc();
      throw err;
    }
  }
}
