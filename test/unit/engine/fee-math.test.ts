import { describe, expect, it } from 'vitest';
import { feeUnits, fixedValue } from '../../../src/engine/fees/fee-math.js';
import { fixedOf, fixedText } from '../../../src/engine/assets/fixed.js';
import { Decimal, decimalText } from '../../../src/money/decimal.js';
import type { PriceValue } from '../../../src/engine/catalog/pricing-types.js';
import { prng } from './fixture.js';

/** The Decimal computation fees used before BigInt (one exact fraction, rounded once half up). */
function reference(value: PriceValue, quantity: Decimal | undefined, precision: number): { amount: string; rounded: boolean } {
  const packageSize = value.package_size ?? new Decimal(1);
  let numerator = (value.unit_price ?? new Decimal(0)).mul(packageSize);
  if (value.volume_rate && quantity) numerator = numerator.add(value.volume_rate.mul(quantity));
  const unit = new Decimal(10).pow(precision);
  const scaled = numerator.mul(unit);
  const floor = scaled.divToInt(packageSize);
  const remainder = scaled.sub(floor.mul(packageSize));
  const units = remainder.mul(2).gte(packageSize) ? floor.add(1) : floor;
  return { amount: decimalText(units.div(unit)), rounded: !remainder.isZero() };
}

describe('fee arithmetic in exact integers', () => {
  it('writes and reads fixed-point text exactly', () => {
    for (const text of ['0', '1', '10', '0.5', '0.000001', '123.456', '1000000000000000000', '0.000000000000000001']) {
      const fixed = fixedOf(new Decimal(text));
      expect(fixedText(fixed.units, fixed.scale)).toBe(text);
      expect(fixedText(-fixed.units, fixed.scale)).toBe(text === '0' ? '0' : `-${text}`);
    }
    expect(fixedText(1500n, 3)).toBe('1.5');
    expect(fixedText(1500n, 6)).toBe('0.0015');
    expect(fixedText(1000n, 3)).toBe('1');
    expect(fixedOf(42)).toEqual({ units: 42n, scale: 0 });
  });

  it('rounds half up once: …4999… stays down, exactly half goes up', () => {
    const rate = (v: string, p?: number): PriceValue => ({ volume_rate: new Decimal(v), ...(p ? { package_size: new Decimal(p) } : {}) });
    expect(feeUnits(fixedValue(rate('1.25', 1_000_000)), fixedOf(1234), 6)).toEqual({ units: 1543n, rounded: true });
    expect(feeUnits(fixedValue(rate('0.0000014999')), fixedOf(1), 6)).toEqual({ units: 1n, rounded: true });
    expect(feeUnits(fixedValue(rate('0.0000004999')), fixedOf(1), 6)).toEqual({ units: 0n, rounded: true });
    expect(feeUnits(fixedValue(rate('0.0000005')), fixedOf(1), 6)).toEqual({ units: 1n, rounded: true });
    expect(feeUnits(fixedValue({ unit_price: new Decimal('0.5') }), undefined, 0)).toEqual({ units: 1n, rounded: true });
  });

  it('agrees with the Decimal computation on random prices, quantities and precisions', () => {
    const random = prng(20261124);
    const digits = (max: number) => {
      const n = 1 + Math.floor(random() * max);
      let out = String(1 + Math.floor(random() * 9));
      for (let i = 1; i < n; i++) out += String(Math.floor(random() * 10));
      return out;
    };
    const decimal = (intDigits: number, fracDigits: number) => {
      const whole = random() < 0.3 ? '0' : digits(intDigits);
      const places = Math.floor(random() * (fracDigits + 1));
      return new Decimal(places === 0 ? whole : `${whole}.${digits(places).padStart(places, '0').slice(0, places)}`);
    };
    for (let i = 0; i < 3000; i++) {
      const value: PriceValue = {};
      const kind = random();
      if (kind < 0.7) value.volume_rate = decimal(6, 18);
      if (kind > 0.5) value.unit_price = decimal(6, 18);
      if (!value.volume_rate && !value.unit_price) value.unit_price = decimal(3, 4);
      if (value.volume_rate && random() < 0.6) value.package_size = new Decimal(digits(9));
      const quantity = random() < 0.8 ? new Decimal(digits(12)) : decimal(9, 18);
      const precision = Math.floor(random() * 19);
      const { units, rounded } = feeUnits(fixedValue(value), fixedOf(quantity), precision);
      expect({ amount: fixedText(units, precision), rounded }).toEqual(reference(value, quantity, precision));
    }
  });
});
