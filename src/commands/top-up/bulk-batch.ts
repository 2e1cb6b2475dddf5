import type { CredytClient } from '../../client/client.js';
import { postAdjustmentBatch, type BatchedAdjustment } from '../../client/credits.js';
import { ExitCode } from '../../errors.js';
import type { BulkKind } from '../../pipeline/run.js';
import { failure, type ItemOutcome, type Job } from '../../pipeline/scheduler.js';
import { PaymentError } from '../../services/credit/conversion.js';
import type { CreditLookups } from '../../services/credit/lookups.js';
import { preparedNow } from '../../services/credit/request.js';
import { creditOutcome } from '../../services/credit/send.js';
import { lineOutcome, readyLine, refusedOutcome, type CreditItem, type ReadyLine } from './bulk-line.js';

/**
 * How a bulk credit run batches its lines, against a local serve that takes batches
 * (`POST /local/wallet-adjustments`, a local extension).
 */
export interface CreditBatching {
  /** Lines a request. */
  size: number;
  /** Wraps a kind's prepare so that lines are keyed by shard, not by customer (see shardKey). */
  sharded(prepare: BulkKind<CreditItem>['prepare']): BulkKind<CreditItem>['prepare'];
}

/**
 * Batching with `size` lines a request and `shards` keys. The scheduler keeps one batch
 * per key in flight, so each customer's lines still take effect in input order (a batch's
 * items are applied in order); with more shards than batches in flight, a batch is always
 * ready when one comes back.
 */
export function creditBatching(size: number, shards: number): CreditBatching {
  return {
    size,
    sharded: (prepare) => (value, format, deriveId) => {
      const prepared = prepare(value, format, deriveId);
      prepared.key = shardKey(prepared.key, shards);
      return prepared;
    },
  };
}

/** The shard of a customer as written: a small string hash, the same for every line naming it. */
export function shardKey(customer: string, shards: number): string {
  let h = 0;
  for (let i = 0; i < customer.length; i++) h = (Math.imul(h, 31) + customer.charCodeAt(i)) | 0;
  return String((h >>> 0) % shards);
}

/** A line ready to send. */
type Ready = Extract<ReadyLine, { customerId: string }>;

/** Faults that are the server's or the network's, not a line's: its batch is tried again (the scheduler's rounds). */
const BATCH_FAULTS = new Set([ExitCode.RateLimited, ExitCode.Server, ExitCode.Network]);
/** Rounds of sending again the lines a batch answered 429 or 5xx, and the pause before each. */
const RESEND_ROUNDS = 3;
const RESEND_PAUSE_MS = 250;

/** A line's readiness without waiting: known customer, no conversion to look up; undefined when it must wait. */
function readyNow(lookups: CreditLookups, item: CreditItem): ReadyLine | undefined {
  const known = lookups.customer(item.customer);
  if (typeof known !== 'string') return undefined;
  try {
    const prepared = preparedNow(item);
    return prepared && { customerId: known, prepared };
  } catch (error) {
    if (error instanceof PaymentError) return { outcome: { ok: false, id: item.transactionId, code: error.code, message: error.message } };
    throw error;
  }
}

/**
 * Sends a batch of credit lines in one request: each line's customer and conversion first
 * (as one line would), then one `POST /local/wallet-adjustments` for those ready, each
 * result read by the same creditOutcome and lineOutcome as one line's own answer. A
 * line's own refusal (unknown customer, bad amount) is its outcome; a fault of the server
 * or the network throws for the whole batch, before anything is sent, as one line's would.
 */
export async function sendCreditBatch(client: CredytClient, lookups: CreditLookups, jobs: Job<CreditItem>[]): Promise<ItemOutcome[]> {
  const outcomes: ItemOutcome[] = new Array(jobs.length);
  const ready: ReadyLine[] = new Array(jobs.length);
  const waits: Promise<void>[] = [];
  const lineFault = (i: number, error: unknown) => {
    if (BATCH_FAULTS.has(failure(error).exitCode!)) throw error;
    outcomes[i] = refusedOutcome(error);
  };
  for (let i = 0; i < jobs.length; i++) {
    const item = jobs[i]!.item;
    let now: ReadyLine | undefined;
    try {
      now = readyNow(lookups, item);
    } catch (error) {
      lineFault(i, error);
      continue;
    }
    if (now) ready[i] = now;
    else waits.push(readyLine(client, lookups, item).then((r) => void (ready[i] = r), (error: unknown) => lineFault(i, error)));
  }
  if (waits.length > 0) await Promise.all(waits);
  let pending: number[] = [];
  for (let i = 0; i < jobs.length; i++) {
    const r = ready[i];
    if (r === undefined) continue;
    if ('outcome' in r) outcomes[i] = r.outcome;
    else pending.push(i);
  }
  for (let round = 0; pending.length > 0; round++) {
    if (round > 0) await new Promise((resolve) => setTimeout(resolve, RESEND_PAUSE_MS * round));
    const items: BatchedAdjustment[] = pending.map((i) => {
      const r = ready[i] as Ready;
      return { customerId: r.customerId, input: r.prepared.input };
    });
    const sentAt = Date.now();
    const replies = await postAdjustmentBatch(client, items);
    const again: number[] = [];
    for (let k = 0; k < pending.length; k++) {
      const i = pending[k]!;
      const reply = replies[k]!;
      // A result the server could not make now (429, 5xx): sent again, as one request is retried.
      if (reply.error && (reply.status === 429 || reply.status >= 500) && round < RESEND_ROUNDS) {
        again.push(i);
        continue;
      }
      const { customerId, prepared } = ready[i] as Ready;
      try {
        outcomes[i] = lineOutcome(jobs[i]!.item, customerId, prepared, creditOutcome(reply, customerId, prepared.input, sentAt));
      } catch (error) {
        outcomes[i] = refusedOutcome(error);
      }
    }
    pending = again;
  }
  return outcomes;
}
