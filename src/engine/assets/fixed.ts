import { Decimal, decimalText, isDecimal } from '../../money/decimal.js';

/**
 * An exact decimal as an integer and a count of decimal places: `units / 10^scale`. The
 * fee path computes in these (BigInt arithmetic is exact and far cheaper than decimal.js
 * for the few operations a fee needs) and turns results back into text or Decimal exactly.
 */
export interface Fixed {
  units: bigint;
  scale: number;
}

const TENS: bigint[] = [];
/** 10^n as a BigInt (cached: fees use the same few powers over and over). */
export function ten(n: number): bigint {
  let power = TENS[n];
  if (power === undefined) TENS[n] = power = 10n ** BigInt(n);
  return power;
}

/** A finite Decimal, decimal text or safe integer, exactly. */
export function fixedOf(value: Decimal | number | string): Fixed {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
    return { units: BigInt(value), scale: 0 };
  }
  const text = isDecimal(value) ? decimalText(value) : decimalText(new Decimal(value));
  const point = text.indexOf('.');
  if (point < 0) return { units: BigInt(text), scale: 0 };
  return { units: BigInt(text.slice(0, point) + text.slice(point + 1)), scale: text.length - point - 1 };
}

/** Shortest exact text (as decimalText writes it): no exponent, no trailing zeros, "0". */
export function fixedText(units: bigint, scale: number): string {
  if (units === 0n) return '0';
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  if (scale > 0) {
    if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
    const cut = digits.length - scale;
    let end = digits.length;
    while (end > cut && digits.charCodeAt(end - 1) === 48) end--;
    digits = end === cut ? digits.slice(0, cut) : `${digits.slice(0, cut)}.${digits.slice(cut, end)}`;
  }
  return negative ? `-${digits}` : digits;
}
