import type { CredytClient } from '../../client/client.js';
import type { AdjustmentInput, AdjustmentReason } from '../../client/types.js';
import { conversionMetadata } from '../../money/convert.js';
import type { Decimal } from '../../money/decimal.js';
import { convertPayment, PaymentError, sameAssetConversion, type AssetLookup, type CreditConversion, type Payment } from './conversion.js';

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
  const now = preparedNow(spec);
  if (now) return now;
  const payment = paymentOf(spec as CreditSpec & { currency: string });
  return converted(spec, payment, await convertPayment(client, payment, assets));
}

/**
 * prepareCredit without waiting, for a credit that needs no lookup: an adjustment, or a
 * top-up credited in its own currency (a bulk run's usual line, which then makes no
 * promise of its own). Undefined when the payment must be converted through the API.
 * @throws PaymentError as prepareCredit
 */
export function preparedNow(spec: CreditSpec): PreparedCredit | undefined {
  if (spec.currency === undefined) return { input: adjustmentInput(spec) };
  const payment = paymentOf(spec as CreditSpec & { currency: string });
  const conversion = sameAssetConversion(payment);
  return conversion && converted(spec, payment, conversion);
}

function adjustmentInput(spec: CreditSpec): AdjustmentInput {
  return {
    transaction_id: spec.transactionId,
    asset: spec.asset,
    amount: spec.amount,
    reason: spec.reason,
    account_name: spec.accountName,
    description: spec.description,
    expires_at: spec.expiresAt,
    metadata: spec.metadata,
  };
}

function paymentOf(spec: CreditSpec & { currency: string }): Payment {
  return { amount: spec.amount, currency: spec.currency, asset: spec.asset, rate: spec.rate };
}

/** The adjustment of a converted top-up, its conversion recorded in the metadata. */
function converted(spec: CreditSpec, payment: Payment, conversion: CreditConversion): Required<PreparedCredit> {
  if (!conversion.quantity.gt(0)) throw new NothingToCredit(payment, conversion);
  const input = adjustmentInput(spec);
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
