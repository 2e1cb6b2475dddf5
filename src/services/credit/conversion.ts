import type { CredytClient } from '../../client/client.js';
import { ApiError, CredytError, ExitCode, UsageError } from '../../errors.js';
import { convertDown, type RateSource } from '../../money/convert.js';
import { Decimal } from '../../money/decimal.js';
import { toDecimal } from '../../json/parse.js';
import { Ratio } from '../../money/ratio.js';

/** What a platform-initiated top-up credits, and how it was worked out. */
export interface CreditConversion {
  asset: string;
  quantity: Decimal;
  /** Units of `asset` per one unit of the paid currency, as used for this very payment. */
  exchangeRate: Decimal;
  source: RateSource;
}

/** A payment as the operator wrote it: one `credyt top-up` or one line of `top-up --file`. */
export interface Payment {
  amount: Decimal;
  /** The paid currency, upper case. */
  currency: string;
  /** The asset to credit (the currency itself to credit it directly). */
  asset: string;
  /** `--rate` / a `rate` column: units of the asset per unit of the currency. */
  rate?: Decimal;
}

export interface AssetPrecision {
  code: string;
  precision: number;
}

/** Looks an asset up (fiat currencies included); a bulk run passes one that remembers. */
export type AssetLookup = (code: string) => Promise<AssetPrecision>;

export function assetLookup(client: CredytClient): AssetLookup {
  return async (code) => {
    const asset = await client.getAsset(code);
    return { code: asset.code, precision: toDecimal(asset.precision).toNumber() };
  };
}

/** A payment that cannot be converted as written: a single top-up exits 5, a bulk line fails. */
export class PaymentError extends CredytError {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message, ExitCode.Validation);
  }
}

/** decimal.js values never change: one 1 serves every same-asset credit. */
const ONE = new Decimal(1);

/**
 * A payment credited in its own currency (1:1), converted without any lookup; undefined
 * when the asset is another one (see convertPayment).
 * @throws UsageError for a rate other than 1
 */
export function sameAssetConversion(payment: Payment): CreditConversion | undefined {
  const { amount, currency, asset, rate } = payment;
  // Most lines name the currency itself (or leave the asset out): no case-folded copies then.
  if (asset !== currency && asset.toUpperCase() !== currency.toUpperCase()) return undefined;
  if (rate !== undefined && !rate.eq(1)) throw new UsageError(`rate must be 1 (or left out) when ${currency} is credited as ${asset}.`);
  return { asset, quantity: amount, exchangeRate: ONE, source: 'same-asset' };
}

/**
 * The one conversion of single and bulk top-ups: 1:1 into the same asset; through an
 * override rate with the engine's own `convertDown`; else through the API's quote of this
 * very amount, made when the payment is applied, so the rate in force at that moment is
 * used (a rate scheduled to start mid-run applies to the lines after it) and nothing is
 * rebuilt from a rate's rounded decimal text. The paid amount must fit the currency's
 * precision on every path (the quote checks it; the override path checks it here).
 */
export async function convertPayment(client: CredytClient, payment: Payment, assetOf: AssetLookup = assetLookup(client)): Promise<CreditConversion> {
  const same = sameAssetConversion(payment);
  if (same) return same;
  const { amount, currency, asset, rate } = payment;
  if (rate !== undefined) {
    // A server that describes no fiat currency as an asset (404) leaves the check to itself.
    const notDescribed = (error: unknown) => {
      if (error instanceof ApiError && error.exitCode === ExitCode.NotFound) return undefined;
      throw error;
    };
    const [target, paid] = await Promise.all([assetOf(asset), assetOf(currency).catch(notDescribed)]);
    if (paid && amount.decimalPlaces() > paid.precision) {
      throw new PaymentError(`${amount.toFixed()} ${paid.code} has more than the ${paid.precision} decimal places ${paid.code} allows`, 'invalid_amount');
    }
    return { asset: target.code, quantity: convertDown(amount, Ratio.fromDecimal(rate), target.precision).quantity, exchangeRate: rate, source: 'override' };
  }
  const quote = await client.quote(asset, { source: currency, amount });
  return { asset: quote.asset, quantity: toDecimal(quote.quantity), exchangeRate: toDecimal(quote.inverse_rate), source: 'quote' };
}
