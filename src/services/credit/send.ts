import type { CredytClient } from '../../client/client.js';
import { postAdjustment, type AdjustmentReply } from '../../client/credits.js';
import type { Adjustment, AdjustmentInput } from '../../client/types.js';
import { ApiError } from '../../errors.js';
import { parseDecimalText } from '../../money/amount.js';
import type { Decimal } from '../../money/decimal.js';

/**
 * What one adjustment request did: `accepted` moved money now; `duplicate` moved nothing,
 * because the same transaction was applied before (this run or an earlier one).
 */
export interface SentCredit {
  status: 'accepted' | 'duplicate';
  /** The adjustment as answered: for a duplicate, the one stored at first. */
  adjustment: Adjustment;
  /**
   * A duplicate first applied at another rate: `adjustment` (read with every digit) holds
   * the amount and rate credited then, not what this request asked.
   */
  rerated?: boolean;
}

/**
 * Sends a credit's adjustment, idempotent by its transaction_id, for `top-up`, `adjust`
 * and their `--file` runs alike. `exact` parses the answer with every digit (to print it).
 * @throws ApiError for a refused credit (see creditOutcome)
 */
export async function sendCredit(client: CredytClient, customerId: string, input: AdjustmentInput, exact: boolean): Promise<SentCredit> {
  const sentAt = Date.now();
  return creditOutcome(await postAdjustment(client, customerId, input, exact), customerId, input, sentAt);
}

/**
 * What one adjustment's answer means, whether it came alone (sendCredit) or as one
 * result of a batch (`top-up --file` against local serve): one reading for both.
 *
 * A replay is told by the replay signal our servers send (the `idempotent-replayed`
 * header, a batch result's `replayed`), else (a server without it, or a fresh credit
 * answered without the header) by a `created_at` before this request was sent, read on the server's clock
 * (see earlier). A 409 idempotency_conflict is a duplicate too when the stored adjustment
 * is this very payment converted at another rate (see sameTopUp); any other conflict, and
 * every other refusal, is thrown.
 * @param sentAt when the request that carried it was sent (Date.now())
 * @throws ApiError the reply's error
 */
export function creditOutcome(reply: AdjustmentReply, customerId: string, input: AdjustmentInput, sentAt: number): SentCredit {
  if (reply.error) {
    const existing = conflictingTopUp(reply.error, customerId, input);
    if (existing) return { status: 'duplicate', adjustment: existing, rerated: true };
    throw reply.error;
  }
  const adjustment = reply.adjustment ?? { id: '' };
  // Said either way (a batch result always says), the server is believed; else its clock is read.
  const replayed = reply.replayed ?? earlier(adjustment.created_at, sentAt, Date.now(), reply.date);
  return { status: replayed ? 'duplicate' : 'accepted', adjustment };
}

/**
 * Created before the request was sent. `created_at` is on the server's clock, which may
 * run behind ours (a remote server): where the answer says its time (`Date`, whole
 * seconds), the server's time when we sent is at least that time less the round trip, and
 * only a `created_at` before that is certainly earlier; a replay within about a second
 * then reads as accepted, the lesser error than a fresh credit called a replay. Without
 * `Date`, our clock (20 ms for clocks read at different moments). A time written with
 * fewer than 3 fractional digits (Credyt's examples carry 0 to 7) may stand for any moment
 * of its last digit: `…:02Z` is up to 999 ms before the real instant, so that much later
 * counts as "now" too.
 */
export function earlier(createdAt: unknown, sentAt: number, answeredAt: number, date: string | undefined): boolean {
  if (typeof createdAt !== 'string') return false;
  const at = Date.parse(createdAt);
  if (Number.isNaN(at)) return false;
  const digits = /:\d{2}(?:\.(\d*))?(?:Z|[+-]\d{2}:?\d{2})$/i.exec(createdAt.trim())?.[1]?.length ?? 0;
  const latest = at + (digits >= 3 ? 0 : 10 ** (3 - digits));
  const serverNow = date === undefined ? Number.NaN : Date.parse(date);
  if (Number.isNaN(serverNow)) return latest < sentAt - 20;
  return latest < serverNow - (answeredAt - sentAt) - 20;
}

/** The stored adjustment of a 409 idempotency_conflict when it is this top-up at another rate. */
function conflictingTopUp(error: unknown, customerId: string, input: AdjustmentInput): Adjustment | undefined {
  if (!(error instanceof ApiError) || error.status !== 409 || error.problem?.code !== 'idempotency_conflict') return undefined;
  const existing = error.problem.existing as Adjustment | undefined;
  return existing && typeof existing === 'object' && sameTopUp(existing, customerId, input) ? existing : undefined;
}

/**
 * True when `stored` is the payment `input` describes, converted at a quote of another
 * moment: same customer, account, asset, reason, description, expiry, paid amount and
 * currency, and metadata that differs in `exchange_rate` only. Only quoted conversions
 * vary with time; an override or a same-asset credit that differs is a real conflict.
 */
export function sameTopUp(stored: Adjustment, customerId: string, input: AdjustmentInput): boolean {
  const a = stored.metadata ?? {};
  const b = input.metadata ?? {};
  if (a.rate_source !== 'quote' || b.rate_source !== 'quote') return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete('exchange_rate');
  for (const key of keys) if (a[key] !== b[key]) return false;
  const account = `${input.account_name ?? 'default'}:${input.asset}`;
  const sameTime = (x: string | null | undefined, y: string | undefined) =>
    (x ?? undefined) === y || (x != null && y !== undefined && Date.parse(x) === Date.parse(y));
  return (
    stored.customer_id === customerId &&
    stored.account_id?.toLowerCase() === account.toLowerCase() &&
    stored.reason === input.reason &&
    (stored.description ?? undefined) === input.description &&
    sameTime(stored.expires_at, input.expires_at)
  );
}

/** What a credit moved: its asset, amount and (a top-up) the rate it was converted at. */
export interface Credited {
  asset: string;
  amount: Decimal;
  exchangeRate?: Decimal;
}

/**
 * What a duplicate credited when it was first applied: the stored asset, amount and rate
 * (read exactly from the answer's text), which is what the ledger holds and differs from
 * `asked` when the rate changed since. A rate is read only for a credit that asked one.
 */
export function storedCredit(stored: Adjustment, asked: Credited): Credited {
  const credited = { ...asked };
  const amount = parseDecimalText(String(stored.amount ?? ''));
  if (amount) credited.amount = amount;
  if (stored.asset) credited.asset = stored.asset;
  const rate = stored.metadata?.exchange_rate;
  if (rate !== undefined && asked.exchangeRate !== undefined) credited.exchangeRate = parseDecimalText(rate) ?? asked.exchangeRate;
  return credited;
}
