import { decimalText } from '../../money/decimal.js';
import { reservedMetadataKey } from '../../money/convert.js';
import { canonicalJson } from '../../json/canonical.js';
import { LineError, type BulkKind } from '../../pipeline/run.js';
import { signNeeded } from '../../services/credit/request.js';
import { customerRef, decimal, metadata, reasonOf, str, time, transactionId } from './bulk-fields.js';
import { creditKind, type CreditItem } from './bulk-send.js';
import type { CreditBatching } from './bulk-batch.js';
import { ADJUST_REASONS, TOP_UP_REASONS } from './flags.js';

export type { CreditItem } from './bulk-send.js';

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
export function topUpKind(defaultReason: string, open = false, batching?: CreditBatching): BulkKind<CreditItem> {
  return creditKind('top-up', (v, _format, deriveId) => {
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
    const reserved = reservedMetadataKey(meta);
    if (reserved) throw new LineError(`metadata "${reserved}" is set by top-up itself`, 'invalid_metadata');
    const item: CreditItem = {
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
      transactionId: '',
    };
    // Filled in place, not copied: every line of a run comes through here.
    item.transactionId = transactionId(v, () => deriveId(content(item)));
    return { key: customer, item };
  }, batching);
}

/** `adjust --file`: lines `customer,amount,asset,reason,transaction_id,description,expires_at,account_name`. */
export function adjustKind(defaultReason: string | undefined, open = false, batching?: CreditBatching): BulkKind<CreditItem> {
  return creditKind('adjust', (v, _format, deriveId) => {
    const customer = customerRef(v);
    const amount = decimal(v, 'amount', true)!;
    const asset = str(v, 'asset');
    if (!asset) throw new LineError('missing "asset"', 'missing_field');
    const reason = reasonOf(v, ADJUST_REASONS, defaultReason, open);
    if (amount.isZero()) throw new LineError('"amount" must not be zero', 'invalid_amount');
    const sign = signNeeded(reason, amount);
    if (sign) throw new LineError(`reason ${reason} needs a ${sign} amount`, 'invalid_amount');
    const item: CreditItem = {
      customer,
      amount,
      asset,
      reason,
      accountName: str(v, 'account_name'),
      description: str(v, 'description'),
      expiresAt: time(v, 'expires_at'),
      metadata: metadata(v),
      transactionId: '',
    };
    // Filled in place, not copied: every line of a run comes through here.
    item.transactionId = transactionId(v, () => deriveId(content(item)));
    return { key: customer, item };
  }, batching);
}
