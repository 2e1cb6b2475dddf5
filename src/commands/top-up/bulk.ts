import type { CredytClient } from '../../client/client.js';
import type { Adjustment, AdjustmentReason } from '../../client/types.js';
import { AMOUNT_TEXT_RULE, parseAmountText, parseDecimalText } from '../../money/amount.js';
import { type Decimal, decimalText, isDecimal } from '../../money/decimal.js';
import { canonicalJson } from '../../json/canonical.js';
import { LineError, type BulkKind } from '../../pipeline/run.js';
import type { ItemOutcome, Job } from '../../pipeline/scheduler.js';
import { isUuid } from '../../pipeline/uuid5.js';
import {
  assetLookup,
  CONVERSION_METADATA,
  conversionMetadata,
  convertPayment,
  PaymentError,
  type AssetLookup,
  type AssetPrecision,
} from '../../services/credit-conversion.js';
import { sendCredit } from '../../services/credit-send.js';
import { ADJUST_REASONS, reasonProblem, TOP_UP_REASONS } from './flags.js';
import { setMember } from '../../json/own-member.js';

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

function reasonOf(v: Record<string, unknown>, allowed: readonly string[], fallback: string | undefined, open: boolean): string {
  const reason = str(v, 'reason') ?? fallback;
  if (!reason) throw new LineError('missing "reason" (or give --reason for every line)', 'missing_field');
  const problem = reasonProblem(reason, allowed, open);
  if (problem) throw new LineError(`"reason" ${problem}`, 'invalid_reason');
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

/**
 * Lookups made once per run, however many lines need them: customers and asset
 * precisions, which do not change. Rates do, so they are not kept: each line is converted
 * when it is sent (services/credit-conversion.ts).
 */
class Lookups {
  private readonly customers = new Map<string, Promise<string>>();
  /** Customer ids once resolved: a line of a known customer does not wait for a promise. */
  private readonly customerIds = new Map<string, string>();
  private readonly precisions = new Map<string, Promise<AssetPrecision>>();
  readonly asset: AssetLookup;
  constructor(private readonly client: CredytClient) {
    const fetch = assetLookup(client);
    this.asset = (code) => this.once(this.precisions, code.toUpperCase(), () => fetch(code));
  }

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

async function sendLine(client: CredytClient, lookups: Lookups, item: CreditItem): Promise<ItemOutcome> {
  const known = lookups.customer(item.customer);
  const customerId = typeof known === 'string' ? known : await known;
  let asset = item.asset;
  let quantity = item.amount;
  let metadata = item.metadata;
  let exchangeRate: Decimal | undefined;
  if (item.currency !== undefined) {
    const payment = { amount: item.amount, currency: item.currency, asset, rate: item.rate };
    let conversion;
    try {
      conversion = await convertPayment(client, payment, lookups.asset);
    } catch (error) {
      if (error instanceof PaymentError) return { ok: false, id: item.transactionId, code: error.code, message: error.message };
      throw error;
    }
    ({ asset, quantity, exchangeRate } = conversion);
    if (!quantity.gt(0)) {
      return { ok: false, id: item.transactionId, code: 'nothing_to_credit', message: `${item.amount.toFixed()} ${item.currency} buys 0 ${asset}` };
    }
    metadata = { ...metadata, ...conversionMetadata(payment, conversion) };
  }
  const input = {
    transaction_id: item.transactionId,
    asset,
    amount: quantity,
    reason: item.reason,
    account_name: item.accountName,
    description: item.description,
    expires_at: item.expiresAt,
    metadata,
  };
  const sent = await sendCredit(client, customerId, input, false);
  const credited = sent.rerated ? storedCredit(sent.adjustment, asset, quantity, exchangeRate) : { asset, amount: quantity, exchangeRate };
  const extra: Record<string, unknown> = { customer_id: customerId, asset: credited.asset, amount: credited.amount };
  if (credited.exchangeRate !== undefined) extra.exchange_rate = credited.exchangeRate;
  // The line's id is the transaction sent: Credyt's adjustment id may be another UUID.
  if (sent.adjustment.id && sent.adjustment.id !== item.transactionId) extra.adjustment_id = sent.adjustment.id;
  return { ok: true, id: sent.adjustment.transaction_id || item.transactionId, status: sent.status, extra };
}

/**
 * What a duplicate line credited when it was first applied: the stored amount and rate
 * (read exactly from the answer's text), which differ from today's conversion when the
 * rate changed since.
 */
function storedCredit(stored: Adjustment, asset: string, quantity: Decimal, rate: Decimal | undefined) {
  const amount = parseDecimalText(String(stored.amount ?? '')) ?? quantity;
  const storedRate = stored.metadata?.exchange_rate;
  return { asset: stored.asset ?? asset, amount, exchangeRate: storedRate !== undefined ? (parseDecimalText(storedRate) ?? rate) : rate };
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
      if (jobs.length === 1) return [await sendLine(client, lookups, jobs[0]!.item)];
      return Promise.all(jobs.map((job) => sendLine(client, lookups!, job.item)));
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
export function topUpKind(defaultReason: string, open = false): BulkKind<CreditItem> {
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
    const reserved = meta && Object.keys(meta).find((k) => (CONVERSION_METADATA as readonly string[]).includes(k));
    if (reserved) throw new LineError(`metadata "${reserved}" is set by top-up itself`, 'invalid_metadata');
    const item = {
      customer,
      amount,
      currency,
      asset,
      rate,
      reason: reasonOf(v, TOP_UP_REASONS, defaultReason, open),
      accountName: str(v, 'account_name'),
      description: str(v, 'description'),
      expiresAt: time(v, 'expires_at'),
      metadata: meta,
    };
    return { key: customer, item: { ...item, transactionId: transactionId(v, () => deriveId(content(item))) } };
  });
}

/** `adjust --file`: lines `customer,amount,asset,reason,transaction_id,description,expires_at,account_name`. */
export function adjustKind(defaultReason: string | undefined, open = false): BulkKind<CreditItem> {
  return kind('adjust', (v, _format, deriveId) => {
    const customer = customerRef(v);
    const amount = decimal(v, 'amount', true)!;
    const asset = str(v, 'asset');
    if (!asset) throw new LineError('missing "asset"', 'missing_field');
    const reason = reasonOf(v, ADJUST_REASONS, defaultReason, open);
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

