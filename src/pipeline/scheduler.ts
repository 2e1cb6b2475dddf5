import { setTimeout as delay } from 'node:timers/promises';
import { CredytError, ExitCode } from '../errors.js';
import type { OkStatus, ResultSink } from './results.js';

/** A line ready to send: its place in the input, the key whose order it keeps, its payload. */
export interface Job<T> {
  seq: number;
  line: number;
  text: string;
  key: string;
  item: T;
}

/** The outcome of one item of a batch. */
export type ItemOutcome =
  | {
      ok: true;
      id: string;
      status: OkStatus;
      extra?: Record<string, unknown>;
      /** The extra fields as JSON text (`"fees":[…]`), written as is into the line's `-o jsonl` result. */
      extraJson?: string;
    }
  | { ok: false; id?: string; code: string; message: string };

export interface SchedulerOptions<T> {
  sink: ResultSink;
  /** Items per request (1 for one request per line). */
  batchSize: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Sends one batch of one key; answers an outcome per item, or throws for the whole batch. */
  send(key: string, jobs: Job<T>[]): Promise<ItemOutcome[]>;
  /** Stop after the first failed line. */
  failFast?: boolean;
  /** Lines read but not yet reported; the reader waits beyond it. */
  window?: number;
  /**
   * Bytes the held items take (the kind's own count, e.g. its arena's buffers); with it
   * the window is bounded in bytes too.
   */
  heldBytes?: () => number;
  /** Held bytes beyond which the reader waits (default 16 MiB). */
  windowBytes?: number;
  /** Called for each item once its batch has ended. */
  release?: (item: T) => void;
  /** Bytes a request carries at most, by itemBytes: lines that each fit never fail together. */
  batchBytes?: number;
  itemBytes?: (item: T) => number;
  /** Rounds of retry of a whole batch after the transport's own retries gave up on 429/5xx. */
  batchRetries?: number;
  /** Wait before each such round (tests set 0). */
  retryPauseMs?: number;
}

/**
 * Lines held at most between the reader and the in-order results (unless batches ×
 * concurrency need more): room for batches of ≈ 400 events with 100 customers when the
 * server is the slower side.
 */
const WINDOW_LINES = 32_000;
/** Bytes held at most (as the kind counts them, see heldBytes): a file of huge lines holds fewer of them. */
const WINDOW_BYTES = 16 * 1024 * 1024;
/**
 * One line a request (top-ups): lines held at least before the reader may wait because
 * enough keys are ready to send (see full()). Read further ahead, the held lines outlive
 * V8's young generation: more collection work per line and 80 MiB more RSS at 40,000.
 */
const READY_WINDOW_LINES = 4_096;

export function failure(error: unknown): { code: string; message: string; exitCode?: ExitCode } {
  if (error instanceof CredytError) {
    const problem = (error as { problem?: { code?: unknown } }).problem;
    const code = typeof problem?.code === 'string' ? problem.code : ExitCode[error.exitCode].toLowerCase();
    return { code, message: error.message, exitCode: error.exitCode };
  }
  return { code: 'error', message: error instanceof Error ? error.message : String(error) };
}

const RETRY_ROUND = new Set([ExitCode.RateLimited, ExitCode.Server]);

/**
 * Groups jobs per key into batches, keeps at most one batch per key in flight (so each
 * key's lines take effect in input order) and at most `concurrency` batches in all.
 * Batches fill up to `batchSize`; when the window of unreported lines is full, open
 * batches are sent as they are, oldest line first.
 */
export class Scheduler<T> {
  private readonly open = new Map<string, Job<T>[]>();
  /** Bytes of each open batch (by itemBytes). */
  private readonly openBytes = new Map<string, number>();
  private readonly queued = new Map<string, Job<T>[][]>();
  private readonly runnable: string[] = [];
  private readonly busy = new Set<string>();
  private inFlight = 0;
  private readonly idleWaiters: (() => void)[] = [];
  private readonly roomWaiters: (() => void)[] = [];
  private read = 0;
  stopped?: { reason: string; exitCode: ExitCode };
  /** Lines reported `not_sent`: their batch had not left when the run stopped. */
  notSent = 0;
  private readonly window: number;
  private readonly windowBytes: number;
  private linger?: NodeJS.Timeout;

  constructor(private readonly options: SchedulerOptions<T>) {
    this.window = options.window ?? Math.max(WINDOW_LINES, options.batchSize * options.concurrency * 2);
    this.windowBytes = options.windowBytes ?? WINDOW_BYTES;
  }

  /** Sequence number for the next line read. */
  nextSeq(): number {
    return this.read++;
  }

  /**
   * A line that could not be read or checked: reported at once, never sent. Answers a
   * promise to wait for when the window is full (lines before it still in flight), else
   * undefined.
   */
  reject(seq: number, line: number, text: string, code: string, message: string): Promise<void> | undefined {
    this.options.sink.record(seq, { line, ok: false, error: { code, message } }, text);
    if (this.options.failFast) this.stop(`stopped at line ${line} (--fail-fast)`, ExitCode.PartialFailure);
    return this.room();
  }

  /**
   * Queues a line. Answers a promise to wait for when the window is full, else undefined:
   * a reader awaits only then, not once per line.
   */
  add(job: Job<T>): Promise<void> | undefined {
    // One line a request: each line is a full batch of its own, nothing is held open.
    if (this.options.batchSize === 1) this.enqueue(job.key, [job]);
    else this.addToOpen(job);
    const wait = this.room();
    if (!wait && this.inFlight + this.runnable.length < this.options.concurrency && !this.linger) {
      // Idle workers: let batches fill for a moment (a fast reader fills them meanwhile),
      // then send the largest so slow input (a tail -f) still goes out promptly.
      this.linger = setTimeout(() => {
        this.linger = undefined;
        this.feedIdle();
      }, 10);
    }
    return wait;
  }

  private addToOpen(job: Job<T>): void {
    let batch = this.open.get(job.key);
    const bytes = this.options.itemBytes?.(job.item) ?? 0;
    let held = batch ? this.openBytes.get(job.key)! + bytes : bytes;
    if (batch && held > (this.options.batchBytes ?? Infinity)) {
      this.open.delete(job.key);
      this.enqueue(job.key, batch);
      batch = undefined;
      held = bytes;
    }
    if (!batch) this.open.set(job.key, (batch = []));
    this.openBytes.set(job.key, held);
    batch.push(job);
    if (batch.length >= this.options.batchSize) {
      this.open.delete(job.key);
      this.enqueue(job.key, batch);
    }
  }

  /** When the window is full: the batches of the oldest lines sent, and a promise of room. */
  private room(): Promise<void> | undefined {
    if (!this.full()) return undefined;
    this.sendOldest();
    return this.roomAgain();
  }

  /**
   * Room comes back only when the oldest unreported line is answered, so a full window
   * sends the open batch holding the oldest line, and more open batches, oldest first, while
   * workers are idle. (Sending every open batch at once, as before, sent the lines read
   * since the last room in batches of one or two, and the server bills small batches
   * dearly.)
   */
  private sendOldest(): void {
    if (this.open.size === 0) return;
    const byAge = [...this.open].sort((a, b) => a[1][0]!.seq - b[1][0]!.seq);
    for (const [i, [key, batch]] of byAge.entries()) {
      if (i > 0 && this.inFlight + this.runnable.length >= this.options.concurrency) break;
      this.open.delete(key);
      this.enqueue(key, batch);
    }
  }

  private full(): boolean {
    const pending = this.options.sink.pending(this.read);
    if (pending >= this.window || (this.options.heldBytes?.() ?? 0) >= this.windowBytes) return true;
    // With one line a request nothing fills by reading on: once as many keys wait with lines
    // ready as workers could take, reading further only holds lines longer. A file sorted by
    // customer keeps few keys ready, and is read ahead to the whole window as before.
    return this.options.batchSize === 1 && pending >= READY_WINDOW_LINES && this.runnable.length >= this.options.concurrency;
  }

  /** Results are recorded only as batches end, so each end is when to look again. */
  private async roomAgain(): Promise<void> {
    while (this.full() && (this.inFlight > 0 || this.runnable.length > 0)) {
      await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
      if (this.full()) this.sendOldest();
    }
  }

  private feedIdle(): void {
    const largest = [...this.open].sort((a, b) => b[1].length - a[1].length);
    for (const [key, batch] of largest) {
      if (this.inFlight + this.runnable.length >= this.options.concurrency) break;
      this.open.delete(key);
      this.enqueue(key, batch);
    }
  }

  /** Sends every open batch and waits for all of them. */
  async drain(): Promise<void> {
    clearTimeout(this.linger);
    this.linger = undefined;
    this.flushOpen();
    while (this.inFlight > 0 || this.runnable.length > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  stop(reason: string, exitCode: ExitCode): void {
    this.stopped ??= { reason, exitCode };
  }

  private flushOpen(): void {
    for (const [key, batch] of this.open) this.enqueue(key, batch);
    this.open.clear();
  }

  private enqueue(key: string, batch: Job<T>[]): void {
    let list = this.queued.get(key);
    if (!list) this.queued.set(key, (list = []));
    list.push(batch);
    if (list.length === 1 && !this.busy.has(key)) this.runnable.push(key);
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < this.options.concurrency && this.runnable.length > 0) {
      const key = this.runnable.shift()!;
      const list = this.queued.get(key)!;
      const batch = list.shift()!;
      if (list.length === 0) this.queued.delete(key);
      this.busy.add(key);
      this.inFlight++;
      void this.run(key, batch).finally(() => {
        const { release } = this.options;
        if (release) for (const job of batch) release(job.item);
        this.inFlight--;
        this.busy.delete(key);
        if (this.queued.has(key)) this.runnable.push(key);
        this.pump();
        if (this.inFlight === 0 && this.runnable.length === 0) for (const wake of this.idleWaiters.splice(0)) wake();
        // A waiter woken may wait again: on the emptied list, not this copy.
        if (this.roomWaiters.length > 0) for (const wake of this.roomWaiters.splice(0)) wake();
      });
    }
  }

  private async run(key: string, batch: Job<T>[]): Promise<void> {
    const { sink } = this.options;
    if (this.stopped) {
      this.notSent += batch.length;
      for (const job of batch) {
        sink.record(job.seq, { line: job.line, ok: false, error: { code: 'not_sent', message: `not sent: ${this.stopped.reason}` } }, job.text);
      }
      return;
    }
    let outcomes: ItemOutcome[];
    for (let round = 0; ; round++) {
      try {
        outcomes = await this.options.send(key, batch);
        break;
      } catch (error) {
        const f = failure(error);
        if (f.exitCode !== undefined && RETRY_ROUND.has(f.exitCode) && round < (this.options.batchRetries ?? 5)) {
          await delay((this.options.retryPauseMs ?? 1000) * (round + 1));
          continue;
        }
        // The server is gone: later batches would only wait for the same answer.
        if (f.exitCode === ExitCode.Network) this.stop(f.message, ExitCode.Network);
        outcomes = batch.map(() => ({ ok: false as const, code: f.code, message: f.message }));
        break;
      }
    }
    for (let i = 0; i < batch.length; i++) {
      const job = batch[i]!;
      const o = outcomes[i] ?? { ok: false as const, code: 'no_result', message: 'the server answered no result for this line' };
      if (o.ok) {
        sink.recordOk(job.seq, job.line, o.id, o.status, o.extra, o.extraJson);
        continue;
      }
      sink.record(job.seq, { line: job.line, ok: false, ...(o.id ? { id: o.id } : {}), error: { code: o.code, message: o.message } }, job.text);
      if (this.options.failFast) this.stop(`stopped at line ${job.line} (--fail-fast)`, ExitCode.PartialFailure);
    }
  }
}
