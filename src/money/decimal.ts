import { Decimal as DecimalBase } from 'decimal.js';

/**
 * The one Decimal constructor of the project. Its precision is far above what any amount
 * needs (10^18 units at 18 decimals is 36 digits), so arithmetic on amounts is exact and
 * rounding happens only where an operation asks for it.
 */
export const Decimal = DecimalBase.clone({
  precision: 100,
  rounding: DecimalBase.ROUND_HALF_UP,
  toExpNeg: -1000,
  toExpPos: 1000,
  maxE: 9e15,
  minE: -9e15,
});
export type Decimal = DecimalBase;

export const ZERO = new Decimal(0);

/** True for any decimal.js instance, whichever clone made it. */
export function isDecimal(value: unknown): value is Decimal {
  return DecimalBase.isDecimal(value);
}

/** Shortest exact text of a decimal: no exponent, no trailing zeros, "0" for zero. */
export function decimalText(value: Decimal): string {
  return value.isZero() ? '0' : value.toFixed();
}
