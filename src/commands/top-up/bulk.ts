import type { CredytClient } from '../../client/client.js';
import type { Adjustment, AdjustmentInput, AdjustmentReason } from '../../client/types.js';
import { oneLine } from '../../client/api-errors.js';
import { segment } from '../../client/paths.js';
import { ApiError, ExitCode } from '../../errors.js';
import { AMOUNT_TEXT_RULE, parseAmountText } from '../../money/amount.js';
import { Decimal, decimalText, isDecimal } from '../../money/decimal.js';
import { toDecimal } from '../../money/json.js';
import { Ratio } from '../../money/ratio.js';
import { canonicalJson } from '../../pipeline/canonical.js';
import { LineError, type BulkKind } from '../../pipeline/run.js';
import type { ItemOutcome, Job } from '../../pipeline/scheduler.js';
import { isUuid } from '../../pipeline/uuid5.js';
import { ADJUST_REASONS, TOP_UP_REASONS } from './flags.js';
import { setMember } from '../../money/own-member.js';

/** One credit or debit line, checked; the amount is converted when it is sent. */
export interface CreditItem {
  customer: string;
  transactionId: string;
  amount: Decimal;
  /** Top-ups: the currency paid, converted into `asset`. */
  currency?: string;
  asset: string;
  rate?: Decimal;
  reason: AdjustmentReason;
  accountName?: string;
  description?: string;
  expiresAt?: string;
  metadata?: Record<string, string>;
}

function str(v: Record<string, unknown>, key: string): string | undefined {
  const value = v[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value.trim();
  if (isDecimal(value)) return decimalText(value);
  throw new LineError(`"${key}" must be a string`);
}

function decimal(v: Record<string, unknown>, key: string, required: boolean): Decimal | undefined {
  const value = v[key];
  if (value === undefined || value === null || value === '') {
    if (required) throw new LineError(`missing "${key}"`, 'missing_field');
    return undefined;
  }
  const parsed = isDecimal(value) ? value : typeof value === 'string' ? parseAmountText(value) : undefined;
  if (!parsed) throw new LineError(`"${key}" ${JSON.stringify(String(value))} is not a decimal number (${AMOUNT_TEXT_RULE})`, 'invalid_amount');
  return parsed;
}

function time(v: Record<string, unknown>, key: string): string | undefined {
  const value = str(v, key);
  if (value === undefined) return undefined;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const date = new Date(value);
  if (!zoned || Number.isNaN(date.getTime())) throw new LineError(`"${key}" ${JSON.stringify(value)} is not an ISO-8601 time with a zone`, 'invalid_time');
  return date.toISOString();
}

/** NDJSON `metadata: {…}` or CSV columns `metadata.<key>`, as a string map. */
function metadata(v: Record<string, unknown>): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  const put = (k: string, value: unknown) => {
    if (value === undefined || value === null) return;
    setMember((out ??= {}), k, isDecimal(value) ? decimalText(value) : typeof value === 'string' ? value : JSON.stringify(value));
  };
  const nested = v.metadata;
  if (nested !== undefined && nested !== null) {
    if (typeof nested !== 'object' || Array.isArray(nested) || isDecimal(nested)) throw new LineError('"metadata" must be an object');
    for (const [k, value] of Object.entries(nested)) put(k, value);
  }
  // A plain loop: every line of a bulk run comes through here, most without metadata.
  for (const k in v) if (k.startsWith('metadata.')) put(k.slice(9), v[k]);
  return out;
}

function reasonOf<T extends string>(v: Record<string, unknown>, allowed: readonly T[], fallback: T | undefined): T {
  const reason = (str(v, 'reason') ?? fallback) as T | undefined;
  if (!reason) throw new LineError('missing "reason" (or give --reason for every line)', 'missing_field');
  if (!allowed.includes(reason)) throw new LineError(`"reason" must be one of ${allowed.join(', ')} (got "${reason}")`, 'invalid_reason');
  return reason;
}

function transactionId(v: Record<string, unknown>, derive: () => string): string {
  const given = str(v, 'transaction_id');
  if (given === undefined) return derive();
  if (!isUuid(given)) throw new LineError(`"transaction_id" ${JSON.stringify(given)} is not a UUID`, 'invalid_id');
  return given.toLowerCase();
}

const POSITIVE = ['external_topup', 'gift', 'promotion'];
const NEGATIVE = ['external_refund', 'charge'];
const RESERVED_METADATA = ['source_amount', 'source_currency', 'exchange_rate', 'rate_source'];

/** Lookups made once per run, however many lines need them. */
class Lookups {
  private readonly customers = new Map<string, Promise<string>>();
  /** Customer ids once resolved: a line of a known customer does not wait for a promise. */
  private readonly customerIds = new Map<string, string>();
  private readonly precisions = new Map<string, Promise<{ code: string; precision: number }>>();
  private readonly rates = new Map<string, Promise<{ code: string; ratio: Ratio; inverse: Decimal }>>();
  constructor(private readonly client: CredytClient) {}

  customer(ref: string): string | Promise<string> {
    return (
      this.customerIds.get(ref) ??
      this.once(this.customers, ref, async () => {
        const id = await this.client.resolveCustomer(ref);
        this.customerIds.set(ref, id);
        return id;
      })
    );
  }

  asset(code: string) {
    return this.once(this.precisions, code.toUpperCase(), async () => {
      const asset = await this.client.getAsset(code);
      return { code: asset.code, precision: toDecimal(asset.precision).toNumber() };
    });
  }

  /** The active rate of `asset` in `currency`, as the exact ratio the engine converts with. */
  rate(asset: string, currency: string) {
    return this.once(this.rates, `${asset.toUpperCase()} ${currency}`, async () => {
      const quote = await this.client.quote(asset, { source: currency, amount: new Decimal(1) });
      const rate = toDecimal(quote.rate);
      const inverse = toDecimal(quote.inverse_rate);
      // One of the pair was given exactly; the other may be a rounded reciprocal.
      const ratio = rate.decimalPlaces() < 18 ? Ratio.fromDecimal(rate).inverse() : Ratio.fromDecimal(inverse);
      return { code: quote.asset, ratio, inverse };
    });
  }

  private once<V>(cache: Map<string, Promise<V>>, key: string, load: () => Promise<V>): Promise<V> {
    let p = cache.get(key);
    if (!p) {
      p = load();
      // A failed lookup (a 503) is tried again by the next line rather than remembered.
      p.catch(() => cache.delete(key));
      cache.set(key, p);
    }
    return p;
  }
}

/**
 * The API answers a replay with the original adjustment, status and all; only its
 * `created_at` tells: before this request was first sent means an earlier run made it.
 * (Read against this machine's clock: exact for local servers, as good as the clocks'
 * agreement for a remote one.)
 */
function statusOf(adjustment: Receipt, sentAt: number): 'accepted' | 'duplicate' {
  const created = adjustment.created_at ? Date.parse(adjustment.created_at) : NaN;
  return created < sentAt - 20 ? 'duplicate' : 'accepted';
}

/** What a line's result takes from the answer: its amounts are not, so they are not parsed exactly. */
type Receipt = Pick<Adjustment, 'id' | 'created_at'>;

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
 * `POST /customers/{id}/wallet/adjustments`, idempotent by its transaction_id, answering
 * only the id and creation time. The answer is read with JSON.parse: the amounts in it
 * are neither used nor printed (a line's result shows the amount sent, kept exact).
 */
async function postAdjustment(client: CredytClient, customerId: string, input: AdjustmentInput): Promise<Receipt> {
  const path = `/customers/${segment(customerId)}/wallet/adjustments`;
  const res = await client.requestRaw('POST', path, undefined, { rawBody: adjustmentBody(input), retryable: true });
  let answer: unknown;
  try {
    answer = JSON.parse(res.body);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ApiError(`Invalid JSON in the answer to POST ${path}: ${oneLine(why, 120)}`, ExitCode.Server, res.status, undefined);
  }
  const { id, created_at } = (answer ?? {}) as Record<string, unknown>;
  return { id: typeof id === 'string' ? id : '', created_at: typeof created_at === 'string' ? created_at : undefined };
}

async function sendCredit(client: CredytClient, lookups: Lookups, item: CreditItem): Promise<ItemOutcome> {
  const known = lookups.customer(item.customer);
  const customerId = typeof known === 'string' ? known : await known;
  let asset = item.asset;
  let quantity = item.amount;
  let metadata = item.metadata;
  if (item.currency !== undefined) {
    let exchangeRate = new Decimal(1);
    let source: 'same-asset' | 'override' | 'quote' = 'same-asset';
    if (asset.toUpperCase() !== item.currency) {
      if (item.rate !== undefined) {
        const target = await lookups.asset(asset);
        asset = target.code;
        quantity = Ratio.fromDecimal(item.rate).multiplyFloor(item.amount, target.precision);
        [exchangeRate, source] = [item.rate, 'override'];
      } else {
        const [target, rate] = await Promise.all([lookups.asset(asset), lookups.rate(asset, item.currency)]);
        asset = rate.code;
        quantity = rate.ratio.multiplyFloor(item.amount, target.precision);
        [exchangeRate, source] = [rate.inverse, 'quote'];
      }
    }
    if (!quantity.gt(0)) {
      return { ok: false, id: item.transactionId, code: 'nothing_to_credit', message: `${item.amount.toFixed()} ${item.currency} buys 0 ${asset}` };
    }
    metadata = {
      ...metadata,
      source_amount: item.amount.toFixed(),
      source_currency: item.currency,
      exchange_rate: exchangeRate.toFixed(),
      rate_source: source,
    };
  }
  const sentAt = Date.now();
  const adjustment = await postAdjustment(client, customerId, {
    transaction_id: item.transactionId,
    asset,
    amount: quantity,
    reason: item.reason,
    account_name: item.accountName,
    description: item.description,
    expires_at: item.expiresAt,
    metadata,
  });
  return {
    ok: true,
    id: adjustment.id || item.transactionId,
    status: statusOf(adjustment, sentAt),
    extra: { customer_id: customerId, asset, amount: quantity },
  };
}

function kind(name: 'top-up' | 'adjust', prepare: BulkKind<CreditItem>['prepare']): BulkKind<CreditItem> {
  let lookups: Lookups | undefined;
  return {
    kind: name,
    noun: name === 'top-up' ? 'top-ups' : 'adjustments',
    maxBatch: 1,
    prepare,
    async send(client: CredytClient, _key: string, jobs: Job<CreditItem>[]) {
      lookups ??= new Lookups(client);
      // One line a request: no Promise.all for the one.
      if (jobs.length === 1) return [await sendCredit(client, lookups, jobs[0]!.item)];
      return Promise.all(jobs.map((job) => sendCredit(client, lookups!, job.item)));
    },
  };
}

function customerRef(v: Record<string, unknown>): string {
  const ref = str(v, 'customer') ?? str(v, 'customer_id') ?? str(v, 'customer_external_id');
  if (!ref) throw new LineError('missing "customer"', 'missing_customer');
  return ref;
}

/**
 * The content a derived transaction id is made from: every field that changes the effect,
 * as canonicalJson writes the item (keys sorted, undefined left out), written member by
 * member because every line of a bulk run needs it (top-up-ids.test.ts holds it to that).
 */
export function content(item: Omit<CreditItem, 'transactionId'>): string {
  let text = '';
  if (item.accountName !== undefined) text += `,"accountName":${JSON.stringify(item.accountName)}`;
  text += `,"amount":${decimalText(item.amount)},"asset":${JSON.stringify(item.asset)}`;
  if (item.currency !== undefined) text += `,"currency":${JSON.stringify(item.currency)}`;
  text += `,"customer":${JSON.stringify(item.customer)}`;
  if (item.description !== undefined) text += `,"description":${JSON.stringify(item.description)}`;
  if (item.expiresAt !== undefined) text += `,"expiresAt":${JSON.stringify(item.expiresAt)}`;
  if (item.metadata !== undefined) text += `,"metadata":${canonicalJson(item.metadata)}`;
  if (item.rate !== undefined) text += `,"rate":${decimalText(item.rate)}`;
  return `{${text.slice(1)},"reason":${JSON.stringify(item.reason)}}`;
}

/**
 * `top-up --file`: lines `customer,amount,currency,asset,rate,transaction_id,reason,
 * description,expires_at` (plus `account_name`, `metadata`), each converted like one
 * `credyt top-up` and credited with its own idempotent adjustment.
 */
export function topUpKind(defaultReason: (typeof TOP_UP_REASONS)[number]): BulkKind<CreditItem> {
  return kind('top-up', (v, _format, deriveId) => {
    const customer = customerRef(v);
    const amount = decimal(v, 'amount', true)!;
    if (!amount.gt(0)) throw new LineError(`"amount" must be greater than zero (got ${amount.toFixed()})`, 'invalid_amount');
    const currency = str(v, 'currency')?.toUpperCase();
    if (!currency) throw new LineError('missing "currency"', 'missing_field');
    const rate = decimal(v, 'rate', false);
    if (rate !== undefined && !rate.gt(0)) throw new LineError('"rate" must be greater than zero', 'invalid_amount');
    const asset = str(v, 'asset') ?? currency;
    if (asset.toUpperCase() === currency && rate !== undefined && !rate.eq(1)) {
      throw new LineError(`"rate" must be 1 (or left out) when ${currency} is credited as ${asset}`, 'invalid_amount');
    }
    const meta = metadata(v);
    const reserved = meta && Object.keys(meta).find((k) => RESERVED_METADATA.includes(k));
    if (reserved) throw new LineError(`metadata "${reserved}" is set by top-up itself`, 'invalid_metadata');
    const item = {
      customer,
      amount,
      currency,
      asset,
      rate,
      reason: reasonOf(v, TOP_UP_REASONS, defaultReason),
      accountName: str(v, 'account_name'),
      description: str(v, 'description'),
      expiresAt: time(v, 'expires_at'),
      metadata: meta,
    };
    return { key: customer, item: { ...item, transactionId: transactionId(v, () => deriveId(content(item))) } };
  });
}

/** `adjust --file`: lines `customer,amount,asset,reason,transaction_id,description,expires_at,account_name`. */
export function adjustKind(defaultReason: (typeof ADJUST_REASONS)[number] | undefined): BulkKind<CreditItem> {
  return kind('adjust', (v, _format, deriveId) => {
    const customer = customerRef(v);
    const amount = decimal(v, 'amount', true)!;
    const asset = str(v, 'asset');
    if (!asset) throw new LineError('missing "asset"', 'missing_field');
    const reason = reasonOf(v, ADJUST_REASONS, defaultReason);
    if (amount.isZero()) throw new LineError('"amount" must not be zero', 'invalid_amount');
    if (POSITIVE.includes(reason) && amount.lt(0)) throw new LineError(`reason ${reason} needs a positive amount`, 'invalid_amount');
    if (NEGATIVE.includes(reason) && amount.gt(0)) throw new LineError(`reason ${reason} needs a negative amount`, 'invalid_amount');
    const item = {
      customer,
      amount,
      asset,
      reason,
      accountName: str(v, 'account_name'),
      description: str(v, 'description'),
      expiresAt: time(v, 'expires_at'),
      metadata: metadata(v),
    };
    return { key: customer, item: { ...item, transactionId: transactionId(v, () => deriveId(content(item))) } };
  });
}

