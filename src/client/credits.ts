import type { CredytClient } from './client.js';
import type { Adjustment, AdjustmentInput } from './types.js';
import { segment } from './paths.js';
import { REPLAYED_HEADER } from './replayed.js';
import { decimalText } from '../money/decimal.js';
import { parseJsonLossless } from '../json/parse.js';
import { stringifyJson } from '../json/write.js';
import { ApiError, ExitCode } from '../errors.js';
import { isLoopbackUrl } from '../config/base-url.js';

/**
 * What `POST …/wallet/adjustments` answered for one adjustment: its own answer, or one
 * result of a batch (postAdjustmentBatch), read alike by the credit service.
 */
export interface AdjustmentReply {
  status: number;
  /**
   * Whether this replays an earlier request with the same transaction_id, as the server
   * said it (our servers' `idempotent-replayed`, a batch result's `replayed`); undefined
   * when it did not say (a server without the signal, or a fresh credit answered without
   * the header).
   */
  replayed: boolean | undefined;
  /** A 2xx answer's adjustment; undefined when the answer is no JSON object (the credit was made all the same). */
  adjustment: Adjustment | undefined;
  /** A non-2xx answer, as the client reads it (a 409 idempotency_conflict carries the stored one). */
  error: ApiError | undefined;
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

/** The path of one customer's adjustments. */
function adjustmentsPath(customerId: string): string {
  return `/customers/${segment(customerId)}/wallet/adjustments`;
}

/**
 * `POST /customers/{id}/wallet/adjustments` with the answer's replay signals, for the
 * credit service. Retried on failure: a credit always carries its `transaction_id`, the
 * API's idempotency key. `exact` parses the answer with every digit (to print it); a bulk
 * line reads only its id and time, with JSON.parse. A non-2xx answer comes back as its
 * ApiError (`error`), as a batch's results do.
 * @throws NetworkError when the server cannot be reached
 */
export async function postAdjustment(client: CredytClient, customerId: string, input: AdjustmentInput, exact: boolean): Promise<AdjustmentReply> {
  const path = adjustmentsPath(customerId);
  const res = await client.requestRaw('POST', path, undefined, { rawBody: adjustmentBody(input), retryable: true, anyStatus: true });
  const signal = res.headers[REPLAYED_HEADER];
  const replayed = signal === 'true' ? true : signal === 'false' ? false : undefined;
  if (res.status < 200 || res.status >= 300) return { status: res.status, replayed, adjustment: undefined, error: client.answerError(res, 'POST', path), date: res.headers.date };
  let adjustment: unknown;
  try {
    adjustment = exact ? parseJsonLossless(res.body) : JSON.parse(res.body);
  } catch {
    // A 2xx: the adjustment was made. An answer that is not JSON (or none) only leaves its
    // server id unknown; the transaction id sent still names it.
    adjustment = undefined;
  }
  return { status: res.status, replayed, adjustment: objectOrUndefined(adjustment) as Adjustment | undefined, error: undefined, date: res.headers.date };
}

function objectOrUndefined(value: unknown): object | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

/**
 * The batch of adjustments of `credyt local serve` and the embedded engine (a LOCAL
 * EXTENSION, docs/api-contract.md): many customers' adjustments in one request, each
 * answered as its own request would be. Never sent to a server that is not on this
 * machine: the hosted API is not asked about paths it has not published.
 */
export const ADJUSTMENT_BATCH_PATH = '/local/wallet-adjustments';

/** Items one batch request may carry (the server refuses more). */
export const MAX_ADJUSTMENT_BATCH = 1_000;

/** May this client's requests ask for the batch at all: the embedded engine, or a server on this machine. */
function batchAllowed(client: CredytClient): boolean {
  const { transport } = client;
  return transport.kind === 'embedded' || isLoopbackUrl((transport as { baseUrl?: string }).baseUrl ?? '');
}

/**
 * Whether the server takes batches of adjustments: it answers the empty batch with
 * 200 `{"results": []}`. A server without the extension (404), any other answer, or no
 * answer at all: no; its lines then go one request each, which report any fault as before.
 */
export async function adjustmentBatchesServed(client: CredytClient): Promise<boolean> {
  if (!batchAllowed(client)) return false;
  try {
    const res = await client.requestRaw('POST', ADJUSTMENT_BATCH_PATH, undefined, { rawBody: '{"adjustments":[]}', anyStatus: true, retryable: true });
    if (res.status !== 200) return false;
    const answer = JSON.parse(res.body) as { results?: unknown };
    return Array.isArray(answer?.results) && answer.results.length === 0;
  } catch {
    return false;
  }
}

/** One adjustment of a batch: the customer it is for, and what its own request would send. */
export interface BatchedAdjustment {
  customerId: string;
  input: AdjustmentInput;
}

interface BatchResult {
  status: number;
  replayed?: boolean;
  body?: unknown;
}

/**
 * `POST /local/wallet-adjustments`: the adjustments in one request, a reply for each in
 * order, each read exactly as postAdjustment reads its own answer (an error result is the
 * ApiError its own request's answer would have thrown, named with its own path). Retried
 * on failure as one adjustment is: every item carries its transaction_id.
 * @throws ApiError when the batch as a whole is refused; NetworkError when the server cannot be reached
 */
export async function postAdjustmentBatch(client: CredytClient, items: readonly BatchedAdjustment[]): Promise<AdjustmentReply[]> {
  let body = '{"adjustments":[';
  for (let i = 0; i < items.length; i++) {
    const { customerId, input } = items[i]!;
    body += `${i === 0 ? '' : ','}{"customer_id":${JSON.stringify(customerId)},${adjustmentBody(input).slice(1)}`;
  }
  body += ']}';
  const res = await client.requestRaw('POST', ADJUSTMENT_BATCH_PATH, undefined, { rawBody: body, retryable: true });
  const date = res.headers.date;
  let results = batchResults(JSON.parse(res.body) as unknown, items.length);
  // Error results are read again with every digit: a 409's stored adjustment is compared
  // and printed exactly, as one request's problem is (api-errors.ts parses it so).
  if (results.some((r) => r.status < 200 || r.status >= 300)) results = batchResults(parseJsonLossless(res.body), items.length);
  const url = client.transport.kind === 'http' ? (client.transport as unknown as { baseUrl: string }).baseUrl : undefined;
  return results.map((r, i) => {
    const replayed = typeof r.replayed === 'boolean' ? r.replayed : undefined;
    if (r.status >= 200 && r.status < 300) return { status: r.status, replayed, adjustment: objectOrUndefined(r.body) as Adjustment | undefined, error: undefined, date };
    const path = adjustmentsPath(items[i]!.customerId);
    const text = typeof r.body === 'string' ? r.body : stringifyJson(r.body ?? null);
    const answer = { status: r.status, headers: {}, body: text, ...(url === undefined ? {} : { url: url + path }) };
    return { status: r.status, replayed, adjustment: undefined, error: client.answerError(answer, 'POST', path), date };
  });
}

/** The results of a batch's answer, one per item, each with its integer status. */
function batchResults(answer: unknown, count: number): BatchResult[] {
  const results = (objectOrUndefined(answer) as { results?: unknown } | undefined)?.results;
  if (!Array.isArray(results) || results.length !== count) {
    throw new ApiError(`${ADJUSTMENT_BATCH_PATH} answered ${Array.isArray(results) ? results.length : 'no'} results for ${count} adjustments`, ExitCode.Server, 200, undefined);
  }
  return results.map((r: unknown) => {
    const result = (objectOrUndefined(r) ?? {}) as BatchResult;
    return { ...result, status: Number(result.status) };
  });
}
