import { parseDecimalText } from './amount.js';
import type { Decimal } from './decimal.js';
import { Ratio } from './ratio.js';

/** What a payment converts to, and whether digits beyond the asset's precision were dropped. */
export interface Converted {
  quantity: Decimal;
  rounded: boolean;
}

/**
 * The one conversion of a payment into an asset, used by the engine's quote and by the
 * CLI's `--rate` overrides alike: `amount × unitsPerSource`, computed as an exact fraction
 * and rounded down to `precision` (the customer never receives more than was paid for,
 * contract §6.1). Never from a rate's rounded decimal text: `unitsPerSource` is exact.
 */
export function convertDown(amount: Decimal, unitsPerSource: Ratio, precision: number): Converted {
  const quantity = unitsPerSource.multiplyFloor(amount, precision);
  const a = Ratio.fromDecimal(amount);
  const q = Ratio.fromDecimal(quantity);
  const exact = q.num * a.den * unitsPerSource.den === a.num * unitsPerSource.num * q.den;
  return { quantity, rounded: !exact };
}

/** How a top-up's rate was found: recorded as `rate_source` in the adjustment's metadata. */
export type RateSource = 'same-asset' | 'override' | 'quote';

/**
 * The metadata a converted top-up records beside its credit. Reserved: `--metadata` and a
 * bulk line's metadata may not set these keys, and the engine reads `source_amount` and
 * `source_currency` back (`conversionPaid`) to show what a platform top-up was paid.
 */
export const CONVERSION_METADATA = ['source_amount', 'source_currency', 'exchange_rate', 'rate_source'] as const;

export type ConversionMetadata = Record<(typeof CONVERSION_METADATA)[number], string>;

/** The conversion metadata of `paid`, credited at `exchangeRate` units per unit paid. */
export function conversionMetadata(paid: { amount: Decimal; currency: string }, exchangeRate: Decimal, source: RateSource): ConversionMetadata {
  return {
    source_amount: paid.amount.toFixed(),
    source_currency: paid.currency,
    exchange_rate: exchangeRate.toFixed(),
    rate_source: source,
  };
}

/** The first key of `metadata` that a converted top-up sets itself, if any. */
export function reservedMetadataKey(metadata: Record<string, string> | undefined): string | undefined {
  if (metadata === undefined) return undefined;
  return Object.keys(metadata).find((key) => (CONVERSION_METADATA as readonly string[]).includes(key));
}

/**
 * What a converted top-up's metadata says was paid. Metadata is whatever the caller
 * wrote, so the amount counts only when it reads as decimal text, and the currency only
 * when it is a string (the reader decides whether it names a currency).
 */
export function conversionPaid(metadata: Record<string, unknown>): { amount: Decimal | undefined; currency: string | undefined } {
  const { source_amount: amount, source_currency: currency } = metadata;
  return {
    amount: typeof amount === 'string' ? parseDecimalText(amount) : undefined,
    currency: typeof currency === 'string' ? currency : undefined,
  };
}
