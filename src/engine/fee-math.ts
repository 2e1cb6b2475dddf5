import { Decimal } from '../money/decimal.js';
import type { PriceValue } from './pricing-types.js';

const ONE = new Decimal(1);
const ZERO = new Decimal(0);
/** 10^0 … 10^18: asset precisions; computed once, not per fee. */
const SCALE = Array.from({ length: 19 }, (_, p) => new Decimal(10).pow(p));

export interface FeeAmount {
  amount: Decimal;
  /** True when digits beyond the asset's precision were dropped (recorded on the journal). */
  rounded: boolean;
}

/**
 * `(unit_price or 0) + (volume_rate or 0) × quantity / package_size`, rounded once, half
 * up, to `precision` (contract §1.11, §6.1). Computed as one exact fraction, numerator /
 * package_size: a quotient rounded first to working precision and then to the asset's
 * could round twice (…4999… → …5 → up), so the division is done as integer quotient and
 * remainder instead.
 */
export function feeAmount(value: PriceValue, quantity: Decimal | undefined, precision: number): FeeAmount {
  const packageSize = value.package_size ?? ONE;
  let numerator = (value.unit_price ?? ZERO).mul(packageSize);
  if (value.volume_rate && quantity) numerator = numerator.add(value.volume_rate.mul(quantity));
  const unit = SCALE[precision];
  const scaled = numerator.mul(unit);
  const floor = scaled.divToInt(packageSize);
  const remainder = scaled.sub(floor.mul(packageSize));
  const units = remainder.mul(2).gte(packageSize) ? floor.add(1) : floor;
  return { amount: units.div(unit), rounded: !remainder.isZero() };
}
