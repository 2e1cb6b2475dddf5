import type { CredytClient } from '../../client/client.js';
import type { AdjustmentInput, AdjustmentReason } from '../../client/types.js';
import { conversionMetadata } from '../../money/convert.js';
import type { Decimal } from '../../money/decimal.js';
import { convertPayment, PaymentError, type AssetLookup, type CreditConversion, type Payment } from './conversion.js';

/** One credit or debit as asked: `credyt top-up`, `credyt adjust`, or one line of their `--file` runs. */
export interface CreditSpec {
  transactionId: string;
  amount: Decimal;
  /** Top-ups: the currency paid, converted into `asset`. Adjustments: none, `amount` is in `asset`. */
  currency?: string;
  asset: string;
  /** Top-ups: the override rate, units of the asset per unit of the currency. */
  rate?: Decimal;
  reason: AdjustmentReason;
  accountName?: string;
  description?: string;
  expiresAt?: string;
  metadata?: Record<string, string>;
}

/** The adjustment request of a credit, and the conversion that made its amount (top-ups). */
export interface PreparedCredit {
  input: AdjustmentInput;
  conversion?: CreditConversion;
}

/** A payment too small to buy the smallest unit of the asset. */
export class NothingToCredit extends PaymentError {
  constructor(
    readonly payment: Payment,
    readonly conversion: CreditConversion,
  ) {
    super(`${payment.amount.toFixed()} ${payment.currency} buys 0 ${conversion.asset}`, 'nothing_to_credit');
  }
}

/**
 * The adjustment a credit sends. A top-up's payment is converted now (the rate in force
 * when it is applied, conversion.ts) and its conversion recorded in the metadata; an
 * adjustment is sent as asked. The same for one credit, a bulk line and a dry run.
 * @param assets a lookup that remembers, for a run of many lines
 * @throws PaymentError (NothingToCredit among them) for a payment that cannot be credited as written
 */
export async function prepareCredit(client: CredytClient, spec: CreditSpec & { currency: string }, assets?: AssetLookup): Promise<Required<PreparedCredit>>;
export async function prepareCredit(client: CredytClient, spec: CreditSpec, assets?: AssetLookup): Promise<PreparedCredit>;
export async function prepareCredit(client: CredytClient, spec: CreditSpec, assets?: AssetLookup): Promise<PreparedCredit> {
  const input: AdjustmentInput = {
    transaction_id: spec.transactionId,
    asset: spec.asset,
    amount: spec.amount,
    reason: spec.reason,
    account_name: spec.accountName,
    description: spec.description,
    expires_at: spec.expiresAt,
    metadata: spec.metadata,
  };
  if (spec.currency === undefined) return { input };
  const payment = { amount: spec.amount, currency: spec.currency, asset: spec.asset, rate: spec.rate };
  const conversion = await convertPayment(client, payment, assets);
  if (!conversion.quantity.gt(0)) throw new NothingToCredit(payment, conversion);
  input.asset = conversion.asset;
  input.amount = conversion.quantity;
  input.metadata = { ...spec.metadata, ...conversionMetadata(payment, conversion.exchangeRate, conversion.source) };
  return { input, conversion };
}

/** The sign an amount must have for a reason of the embedded engine; undefined: either (correction, or another server's reason). */
const SIGNS = new Map<string, 'positive' | 'negative'>([
  ['external_topup', 'positive'],
  ['gift', 'positive'],
  ['promotion', 'positive'],
  ['external_refund', 'negative'],
  ['charge', 'negative'],
]);

/**
 * The sign `reason` needs when `amount` has the other one (checked before any request, so
 * a wrong sign never reaches the API); undefined when the sign is right.
 */
export function signNeeded(reason: string, amount: Decimal): 'positive' | 'negative' | undefined {
  const sign = SIGNS.get(reason);
  if (sign === 'positive' && amount.lt(0)) return sign;
  if (sign === 'negative' && amount.gt(0)) return sign;
  return undefined;
}
