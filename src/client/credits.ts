import type { CredytClient } from './client.js';
import type { Adjustment, AdjustmentInput } from './types.js';
import { segment } from './paths.js';
import { REPLAYED_HEADER } from './replayed.js';
import { decimalText } from '../money/decimal.js';
import { parseJsonLossless } from '../json/parse.js';

/** What `POST …/wallet/adjustments` answered with a 2xx. */
export interface AdjustmentAnswer {
  /** The adjustment; undefined when the answer is no JSON object (the credit was made all the same). */
  adjustment: Adjustment | undefined;
  /** The server said this replays an earlier request with the same transaction_id. */
  replayed: boolean;
  /** The answer's `Date` header: the server's clock, whole seconds. */
  date: string | undefined;
}

/**
 * The adjustment request as JSON text, written directly (one per line of a bulk run): the
 * same members in the same order as `createAdjustment` sends, the amount as its exact
 * decimal text.
 */
export function adjustmentBody(input: AdjustmentInput): string {
  let text = `{"transaction_id":${JSON.stringify(input.transaction_id)},"asset":${JSON.stringify(input.asset)}`;
  text += `,"amount":${decimalText(input.amount)},"reason":${JSON.stringify(input.reason)}`;
  if (input.account_name !== undefined) text += `,"account_name":${JSON.stringify(input.account_name)}`;
  if (input.description !== undefined) text += `,"description":${JSON.stringify(input.description)}`;
  if (input.expires_at !== undefined) text += `,"expires_at":${JSON.stringify(input.expires_at)}`;
  if (input.metadata !== undefined) text += `,"metadata":${JSON.stringify(input.metadata)}`;
  return text + '}';
}

/**
 * `POST /customers/{id}/wallet/adjustments` with the answer's replay signals, for the
 * credit service. Retried on failure: a credit always carries its `transaction_id`, the
 * API's idempotency key. `exact` parses the answer with every digit (to print it); a bulk
 * line reads only its id and time, with JSON.parse.
 * @throws ApiError for a non-2xx answer (a 409 idempotency_conflict carries the stored one)
 */
export async function postAdjustment(client: CredytClient, customerId: string, input: AdjustmentInput, exact: boolean): Promise<AdjustmentAnswer> {
  const path = `/customers/${segment(customerId)}/wallet/adjustments`;
  const res = await client.requestRaw('POST', path, undefined, { rawBody: adjustmentBody(input), retryable: true });
  let adjustment: unknown;
  try {
    adjustment = exact ? parseJsonLossless(res.body) : JSON.parse(res.body);
  } catch {
    // A 2xx: the adjustment was made. An answer that is not JSON (or none) only leaves its
    // server id unknown; the transaction id sent still names it.
    adjustment = undefined;
  }
  const isObject = typeof adjustment === 'object' && adjustment !== null && !Array.isArray(adjustment);
  return { adjustment: isObject ? (adjustment as Adjustment) : undefined, replayed: res.headers[REPLAYED_HEADER] === 'true', date: res.headers.date };
}
