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
