import { Decimal, decimalText } from './decimal.js';

/** Decimal places at which a non-terminating reciprocal is reported (rounded half up). */
export const RECIPROCAL_PLACES = 18;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function scaled(value: Decimal): { num: bigint; den: bigint } {
  const places = value.decimalPlaces();
  const num = BigInt(value.mul(new Decimal(10).pow(places)).toFixed(0));
  return { num, den: 10n ** BigInt(places) };
}

/**
 * An exact positive rational number. Exchange rates are kept as ratios so that
 * `inverse_rate = 1 / rate` stays exact even when its decimal expansion never ends.
 */
export class Ratio {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static of(num: bigint, den: bigint): Ratio {
    if (den === 0n) throw new RangeError('zero denominator');
    const sign = den < 0n ? -1n : 1n;
    const g = gcd(num, den) || 1n;
    return new Ratio((sign * num) / g, (sign * den) / g);
  }

  static fromDecimal(value: Decimal): Ratio {
    const { num, den } = scaled(value);
    return Ratio.of(num, den);
  }

  inverse(): Ratio {
    return Ratio.of(this.den, this.num);
  }

  /** True when the decimal expansion terminates (denominator has only factors 2 and 5). */
  terminates(): boolean {
    let d = this.den;
    while (d % 2n === 0n) d /= 2n;
    while (d % 5n === 0n) d /= 5n;
    return d === 1n;
  }

  /** Exact decimal when it terminates, else rounded half up at RECIPROCAL_PLACES. */
  toDecimal(): Decimal {
    if (this.terminates()) return new Decimal(this.num.toString()).div(this.den.toString());
    return floorOrRound(this.num, this.den, RECIPROCAL_PLACES, 'half-up');
  }

  toText(): string {
    return decimalText(this.toDecimal());
  }

  /** amount × this, rounded down (toward zero) to `precision` decimal places. */
  multiplyFloor(amount: Decimal, precision: number): Decimal {
    const a = scaled(amount);
    return floorOrRound(a.num * this.num, a.den * this.den, precision, 'down');
  }
}

function floorOrRound(num: bigint, den: bigint, places: number, mode: 'down' | 'half-up'): Decimal {
  const scale = 10n ** BigInt(places);
  const negative = num < 0n !== den < 0n;
  const n = (num < 0n ? -num : num) * scale;
  const d = den < 0n ? -den : den;
  let q = n / d;
  if (mode === 'half-up' && (n % d) * 2n >= d) q += 1n;
  const result = new Decimal(q.toString()).div(scale.toString());
  return negative ? result.neg() : result;
}
