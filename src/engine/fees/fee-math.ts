import { fixedOf, ten, type Fixed } from '../assets/fixed.js';
import type { PriceValue } from '../catalog/pricing-types.js';

/** A price value as exact integers, made once per compiled price (not per fee). */
export interface FixedValue {
  unitPrice: Fixed | undefined;
  volumeRate: Fixed | undefined;
  packageSize: bigint;
}

export function fixedValue(value: PriceValue): FixedValue {
  return {
    unitPrice: value.unit_price && fixedOf(value.unit_price),
    volumeRate: value.volume_rate && fixedOf(value.volume_rate),
    packageSize: value.package_size ? fixedOf(value.package_size).units : 1n,
  };
}

export interface FeeUnits {
  /** The fee in units of 10^-precision of its asset. */
  units: bigint;
  /** True when digits beyond the asset's precision were dropped (recorded on the journal). */
  rounded: boolean;
}

/**
 * `(unit_price or 0) + (volume_rate or 0) × quantity / package_size`, rounded once, half
 * up, to `precision` (contract §1.11, §6.1). Computed as one exact fraction over integers,
 * numerator / (package_size × 10^scale), by integer quotient and remainder: a quotient
 * rounded first to working precision and then to the asset's could round twice
 * (…4999… → …5 → up). Prices and quantities are never negative.
 */
export function feeUnits(value: FixedValue, quantity: Fixed | undefined, precision: number): FeeUnits {
  const { unitPrice, packageSize } = value;
  const volume = value.volumeRate && quantity ? { rate: value.volumeRate, quantity } : undefined;
  const unitScale = unitPrice ? unitPrice.scale : 0;
  const volumeScale = volume ? volume.rate.scale + volume.quantity.scale : 0;
  const scale = Math.max(unitScale, volumeScale);
  let numerator = 0n;
  if (unitPrice) numerator += unitPrice.units * packageSize * ten(scale - unitScale);
  if (volume) numerator += volume.rate.units * volume.quantity.units * ten(scale - volumeScale);
  const scaled = numerator * ten(precision);
  const divisor = packageSize * ten(scale);
  const floor = scaled / divisor;
  const remainder = scaled - floor * divisor;
  return { units: remainder * 2n >= divisor ? floor + 1n : floor, rounded: remainder !== 0n };
}
