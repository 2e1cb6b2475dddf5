import { Agent } from 'undici';
import type { DueDelivery, Webhooks } from '../../engine/index.js';
import { postSigned } from '../../webhooks/send.js';
import { defaultUserAgent } from '../../client/user-agent.js';
import { DEFAULT_RETRY_POLICY, nextAttemptAt, type RetryPolicy } from './backoff.js';

export interface DeliveryWorkerOptions {
  webhooks: Webhooks;
  /** The engine's clock: attempts, backoff and signatures are timed by it. */
  clock: () => Date;
  retry?: Partial<RetryPolicy>;
  /** How often due deliveries are looked for. */
  pollMs?: number;
  /**
   * Resolves once everything written so far is on disk (the server's commit groups):
   * an event is sent only once the change that caused it is durable.
   */
  durable?: () => Promise<void>;
  /** Per attempt, from connecting to the end of the answer. */
  timeoutMs?: number;
  /** Attempts in flight per destination at most, so one slow receiver holds few sockets. */
  perDestination?: number;
}

const DEFAULTS = { pollMs: 250, timeoutMs: 10_000, perDestination: 4 };

/**
 * Delivers the outbox (docs/webhooks.md): polls due deliveries, POSTs each signed body
 * with undici, records every attempt and moves the delivery on (2xx: delivered; anything
 * else, or no answer in time: again after the backoff, until it gives up). It shares the
 * server's engine, so its few short writes join the server's commit groups instead of
 * waiting on a second connection for the write lock this process holds; every request to a
 * receiver is asynchronous, so API requests never wait for one.
 */
export class DeliveryWorker {
  private readonly retry: RetryPolicy;
  private readonly options: typeof DEFAULTS;
  private readonly agent: Agent;
  private readonly inFlight = new Map<number, Promise<void>>();
  private readonly perDestination = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Set by start(): only a running worker polls again when an attempt ends (tests poll by hand). */
  private running = false;
  /** A poll is queued for the end of this turn. */
  private kicked = false;
  /** Aborts the attempts in flight when the worker stops. */
  private readonly stopping = new AbortController();

  constructor(private readonly deps: DeliveryWorkerOptions) {
    this.retry = { ...DEFAULT_RETRY_POLICY, ...deps.retry };
    this.options = {
      pollMs: deps.pollMs ?? DEFAULTS.pollMs,
      timeoutMs: deps.timeoutMs ?? DEFAULTS.timeoutMs,
      perDestination: deps.perDestination ?? DEFAULTS.perDestination,
    };
    this.agent = new Agent({ headersTimeout: this.options.timeoutMs, bodyTimeout: this.options.timeoutMs, connections: this.options.perDestination });
  }

  start(): this {
    this.running = true;
    this.schedule(0);
    return this;
  }

  /**
   * Polls again once an attempt has ended: its place is filled at once rather than at the
   * next tick, so a backlog drains at the receiver's pace instead of `perDestination`
   * attempts per poll interval (16 a second). A failed attempt is not due again before
   * its backoff, so a refusing receiver causes no loop.
   */
  private kick(): void {
    if (!this.running || this.stopped || this.kicked) return;
    this.kicked = true;
    setImmediate(() => {
      this.kicked = false;
      // As for the timed polls: a busy or closing file leaves the deliveries due for later.
      this.poll().catch(() => {});
    });
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.poll().then(
        () => this.schedule(this.options.pollMs),
        // The file is busy or closing: due deliveries stay due, the next poll finds them.
        () => this.schedule(this.options.pollMs),
      );
    }, ms);
    this.timer.unref();
  }

  /**
   * Starts an attempt for each due delivery there is room for; answers the attempts
   * started. Only events already durable go out: those written before now are waited for,
   * and any written meanwhile (a higher sequence) wait for the next poll.
   */
  async poll(): Promise<Promise<void>[]> {
    if (this.stopped) return [];
    const ceiling = this.deps.webhooks.lastEventSequence();
    await this.deps.durable?.();
    if (this.stopped) return [];
    const started: Promise<void>[] = [];
    // Those in flight are still due and come back first: the rest fill the free places.
    for (const delivery of this.deps.webhooks.due(this.deps.clock(), this.options.perDestination, ceiling)) {
      if (this.inFlight.has(delivery.seq)) continue;
      const busy = this.perDestination.get(delivery.destination_id) ?? 0;
      if (busy >= this.options.perDestination) continue;
      this.perDestination.set(delivery.destination_id, busy + 1);
      const attempt = this.attempt(delivery).finally(() => {
        this.inFlight.delete(delivery.seq);
        const left = (this.perDestination.get(delivery.destination_id) ?? 1) - 1;
        if (left === 0) this.perDestination.delete(delivery.destination_id);
        else this.perDestination.set(delivery.destination_id, left);
        this.kick();
      });
      this.inFlight.set(delivery.seq, attempt);
      started.push(attempt);
    }
    return started;
  }

  private async attempt(delivery: DueDelivery): Promise<void> {
    const attemptedAt = this.deps.clock();
    const { statusCode, durationMs, error: failure } = await postSigned({
      url: delivery.url,
      secret: delivery.secret,
      body: delivery.body,
      at: attemptedAt,
      dispatcher: this.agent,
      headers: { 'user-agent': defaultUserAgent() },
      signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), this.stopping.signal]),
    });
    let error = failure;
    // A stopping server leaves the delivery pending: the next start tries it again.
    if (this.stopped) return;
    const delivered = statusCode !== null && statusCode >= 200 && statusCode <= 299;
    if (!delivered && error === null) error = `HTTP ${statusCode}`;
    const attempts = delivery.attempts + 1;
    const now = this.deps.clock();
    try {
      this.deps.webhooks.recordAttempt(delivery.seq, {
        attemptedAt,
        statusCode,
        durationMs,
        error: delivered ? null : error,
        delivered,
        nextAttemptAt: delivered ? null : nextAttemptAt(this.retry, attempts, now, new Date(delivery.retry_from)),
      });
    } catch {
      // Not recorded (the file is busy or closing): the delivery stays due and is sent
      // again, which at-least-once delivery allows.
    }
  }

  /** Stops polling, aborts the attempts in flight (they stay pending), closes its sockets. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.stopping.abort();
    await Promise.allSettled([...this.inFlight.values()]);
    await this.agent.close();
  }
}
